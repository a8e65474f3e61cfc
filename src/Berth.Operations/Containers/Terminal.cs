using System.Runtime.InteropServices;

namespace Berth.Operations.Containers;

/// <summary>
/// The few termios and ioctl calls an attached terminal needs (Linux, glibc or musl, 64-bit). DllImport with blittable
/// arguments rather than LibraryImport: this project has no unsafe code, and nothing here needs marshalling, so it
/// works as well under Native AOT.
/// </summary>
internal static class Terminal
{
    private const int SetNow = 0; // TCSANOW
    private const nuint GetWindowSizeRequest = 0x5413; // TIOCGWINSZ

    // struct termios is 60 bytes on Linux; the buffer leaves room.
    private const int TermiosSize = 128;

    /// <summary>The terminal's size on <paramref name="fd"/>; null when it is no terminal.</summary>
    public static (uint Width, uint Height)? WindowSize(int fd)
    {
        var size = default(WinSize);
        return Native.Ioctl(fd, GetWindowSizeRequest, ref size) == 0 && size.Columns > 0 ? (size.Columns, size.Rows) : null;
    }

    /// <summary>Raw mode on <paramref name="fd"/> (cfmakeraw); disposing restores the settings found. Nothing when it is no terminal.</summary>
    public static IDisposable MakeRaw(int fd)
    {
        byte[] saved = new byte[TermiosSize];
        if (Native.GetAttributes(fd, saved) != 0)
        {
            return new Restore(fd, null);
        }

        byte[] raw = (byte[])saved.Clone();
        Native.MakeRaw(raw);
        if (Native.SetAttributes(fd, SetNow, raw) != 0)
        {
            throw new IOException($"cannot put the terminal into raw mode: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        return new Restore(fd, saved);
    }

    private sealed class Restore(int fd, byte[]? saved) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (saved is not null && Interlocked.Exchange(ref _done, 1) == 0)
            {
                _ = Native.SetAttributes(fd, SetNow, saved);
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct WinSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort XPixels;
        public ushort YPixels;
    }

    private static class Native
    {
        [DllImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
        public static extern int GetAttributes(int fd, [Out] byte[] termios);

        [DllImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
        public static extern int SetAttributes(int fd, int actions, byte[] termios);

        [DllImport("libc", EntryPoint = "cfmakeraw")]
        public static extern void MakeRaw([In, Out] byte[] termios);

        [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
        public static extern int Ioctl(int fd, nuint request, ref WinSize size);
    }
}
