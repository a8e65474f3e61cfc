using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Interop;

/// <summary>The descriptor-based calls the layer unpacker makes on a file it has just created.</summary>
internal static partial class Libc
{
    internal const int OWronly = 0x1;
    internal const int OCreat = 0x40;
    internal const int OExcl = 0x80;
    internal const int ONofollow = 0x20000;

    // open(2) is variadic in C; the mode is its third argument, passed as a plain int as every Linux ABI allows.
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int OpenWithMode(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    internal static partial int Fchown(SafeFileHandle fd, int uid, int gid);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    internal static partial int Fchmod(SafeFileHandle fd, uint mode);

    [LibraryImport("libc", EntryPoint = "futimens", SetLastError = true)]
    internal static unsafe partial int Futimens(SafeFileHandle fd, Timespec* times);

    [LibraryImport("libc", EntryPoint = "fsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Fsetxattr(SafeFileHandle fd, string name, byte* value, nuint size, int flags);
}
