using System.Net.Sockets;
using System.Runtime.InteropServices;
using Berth.Core.Errors;
using Berth.Shim.Interop;

namespace Berth.Shim.Stdio;

/// <summary>
/// The unix socket given to the runtime as <c>--console-socket</c>: the runtime connects once and sends the pty
/// master as SCM_RIGHTS ancillary data (with the pty's name as the payload). Lives in a private temp folder,
/// removed at dispose.
/// </summary>
internal sealed class ConsoleSocket : IDisposable
{
    private const int MaxNameLength = 4096;
    private const int SolSocket = 1;
    private const int ScmRights = 1;
    private const int MsgCmsgCloexec = 0x40000000;
    private readonly DirectoryInfo _folder;
    private readonly Socket _listener;

    private ConsoleSocket(DirectoryInfo folder, Socket listener)
    {
        _folder = folder;
        _listener = listener;
    }

    public string Path => System.IO.Path.Combine(_folder.FullName, "pty.sock");

    public static ConsoleSocket Create()
    {
        var folder = Directory.CreateTempSubdirectory("berth-pty-");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(System.IO.Path.Combine(folder.FullName, "pty.sock")));
            listener.Listen(1);
            return new ConsoleSocket(folder, listener);
        }
        catch
        {
            listener.Dispose();
            folder.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Waits for the runtime to send the pty master.</summary>
    public async Task<FileDescriptor> ReceiveMasterAsync(CancellationToken cancellationToken)
    {
        using var connection = await _listener.AcceptAsync(cancellationToken);
        return await Task.Run(() => Receive(connection), cancellationToken);
    }

    private static unsafe FileDescriptor Receive(Socket connection)
    {
        int fd = (int)connection.SafeHandle.DangerousGetHandle();
        byte* name = stackalloc byte[MaxNameLength];
        // CMSG_SPACE(sizeof(int)): a 16-byte cmsghdr and the int padded to 8.
        const int controlSpace = 24;
        byte* control = stackalloc byte[controlSpace];
        var vector = new Libc.IoVector { Base = name, Length = MaxNameLength };
        var message = new Libc.MessageHeader { Vectors = &vector, VectorCount = 1, Control = control, ControlLength = controlSpace };
        while (true)
        {
            var pollFd = new Libc.PollFd { Fd = fd, Events = Libc.PollIn };
            Libc.Poll(&pollFd, 1, 30_000);
            nint n = Libc.RecvMsg(fd, &message, MsgCmsgCloexec);
            if (n >= 0)
            {
                break;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno is not (Libc.EAgain or Libc.EIntr))
            {
                throw new InternalException($"receiving the pty master on the console socket: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        }

        int level = *(int*)(control + 8), type = *(int*)(control + 12);
        if (message.ControlLength < 20 || level != SolSocket || type != ScmRights)
        {
            throw new InternalException("the runtime sent no pty master on the console socket (no SCM_RIGHTS message)");
        }

        return new FileDescriptor(*(int*)(control + 16));
    }

    public void Dispose()
    {
        _listener.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
