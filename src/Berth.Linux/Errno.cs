using System.Runtime.InteropServices;
using Berth.Core.Errors;

namespace Berth.Linux;

/// <summary>Turns an errno into the member of the closed error set that tells the caller what to do.</summary>
public static class Errno
{
    /// <summary>ENOENT.</summary>
    public const int NoEntry = 2;
    /// <summary>ENODATA: no such extended attribute.</summary>
    public const int NoData = 61;
    /// <summary>ERANGE: the buffer is too small.</summary>
    public const int Range = 34;

    /// <summary>The exception for the last P/Invoke error of <paramref name="call"/> on <paramref name="path"/>.</summary>
    public static BerthException FromLastError(string call, string path) => FromErrno(Marshal.GetLastPInvokeError(), call, path);

    /// <summary>The exception for <paramref name="errno"/>.</summary>
    public static BerthException FromErrno(int errno, string call, string path)
    {
        string message = $"{call} {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
        var kind = errno switch
        {
            1 or 13 => ErrorKind.PermissionDenied,      // EPERM, EACCES
            2 or 20 => ErrorKind.NotFound,              // ENOENT, ENOTDIR
            16 or 11 => ErrorKind.Unavailable,          // EBUSY, EAGAIN
            17 => ErrorKind.AlreadyExists,              // EEXIST
            22 or 36 or 40 => ErrorKind.InvalidArgument, // EINVAL, ENAMETOOLONG, ELOOP
            28 or 122 => ErrorKind.ResourceExhausted,   // ENOSPC, EDQUOT
            38 or 95 => ErrorKind.Unimplemented,        // ENOSYS, EOPNOTSUPP
            39 => ErrorKind.FailedPrecondition,         // ENOTEMPTY
            _ => ErrorKind.Internal,
        };
        return BerthException.Create(kind, message);
    }
}
