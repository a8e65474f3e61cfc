using System.Runtime.InteropServices;
using Berth.Linux;

namespace Berth.Storage.Diff.FileSystem;

/// <summary>
/// The two calls the undo journal needs that ISyscalls lacks yet: rename(2) of any kind of file (File.Move and
/// Directory.Move each refuse some kinds) and lremovexattr(2). They belong in ISyscalls; see the diff report.
/// </summary>
internal static class DiffNative
{
    public static void Rename(string from, string to)
    {
        if (NativeRename(from, to) != 0)
        {
            throw Errno.FromLastError("rename", $"{from} -> {to}");
        }
    }

    public static void RemoveXattr(string path, string name)
    {
        if (NativeRemoveXattr(path, name) != 0)
        {
            throw Errno.FromLastError($"lremovexattr {name}", path);
        }
    }

    // DllImport rather than LibraryImport: Berth.Storage does not allow unsafe code, which the generator needs.
    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int NativeRename([MarshalAs(UnmanagedType.LPUTF8Str)] string from, [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    [DllImport("libc", EntryPoint = "lremovexattr", SetLastError = true)]
    private static extern int NativeRemoveXattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
