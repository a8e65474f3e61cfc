using System.Runtime.InteropServices;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>
/// The few libc calls a pty needs (LP64 Linux: x86_64 and aarch64). DllImport rather than LibraryImport: this project
/// does not allow unsafe code, and these signatures are all blittable.
/// </summary>
public sealed partial class PseudoTerminal
{
    private const int OReadWrite = 2;
    private const int ONoCtty = 0x100;
    private const int ONonBlock = 0x800;
    private const int OCloexec = 0x80000;
    private const int EAgain = 11;
    private const int EIo = 5;
    private const int SigWinch = 28;
    private const nuint TiocSetWindowSize = 0x5414;
    private const nuint TiocGetPtyNumber = 0x80045430;
    private const nuint TiocSetPtyLock = 0x40045431;

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort XPixels;
        public ushort YPixels;
    }

    private static class Native
    {
        [DllImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
        public static extern int OpenPt(int flags);

        [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
        public static extern int Ioctl(int fd, nuint request, ref WindowSize size);

        [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
        public static extern int Ioctl(int fd, nuint request, ref int value);

        [DllImport("libc", EntryPoint = "read", SetLastError = true)]
        public static extern nint Read(int fd, byte[] buffer, nuint count);

        [DllImport("libc", EntryPoint = "write", SetLastError = true)]
        public static extern nint Write(int fd, byte[] buffer, nuint count);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        public static extern int Close(int fd);

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);
    }

    private static InvalidOperationException Failure(string what)
        => new($"{what}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
}
