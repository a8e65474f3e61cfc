using System.Buffers;
using System.Runtime.InteropServices;
using Berth.Shim.Interop;

namespace Berth.Shim.Stdio;

/// <summary>
/// Copies one descriptor into another on a thread of its own, until the source ends (EOF, or EIO from a pty whose
/// last slave closed) or <see cref="Stop"/>. Both descriptors are made non-blocking and waited on with poll(2)
/// together with an eventfd, so a copy stuck on a silent FIFO or a reader that went away can still be stopped.
/// A descriptor the copy owns is closed when it ends: closing the destination is how the reader sees EOF.
/// </summary>
internal sealed class StreamCopy
{
    private const int BufferSize = 32 * 1024;
    private readonly FileDescriptor _source;
    private readonly FileDescriptor _destination;
    private readonly bool _ownsSource;
    private readonly bool _ownsDestination;
    private readonly FileDescriptor _stop;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _bytes;

    private StreamCopy(FileDescriptor source, FileDescriptor destination, bool ownsSource, bool ownsDestination)
    {
        _source = source;
        _destination = destination;
        _ownsSource = ownsSource;
        _ownsDestination = ownsDestination;
        int stop = Libc.EventFd(0, Libc.OCloexec | Libc.ONonBlock);
        _stop = stop >= 0 ? new FileDescriptor(stop) : throw source.Failure("eventfd");
    }

    /// <summary>Completes when the copy has ended and owned descriptors are closed.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Bytes written so far: a copy that stops making progress can be given up on.</summary>
    public long BytesCopied => Interlocked.Read(ref _bytes);

    public static StreamCopy Start(string name, FileDescriptor source, FileDescriptor destination, bool ownsSource, bool ownsDestination)
    {
        var copy = new StreamCopy(source, destination, ownsSource, ownsDestination);
        source.SetNonBlocking(true);
        destination.SetNonBlocking(true);
        new Thread(copy.Run) { IsBackground = true, Name = $"berth-shim copy {name}" }.Start();
        return copy;
    }

    /// <summary>Ends the copy at the next wake-up; what is buffered in the source stays there.</summary>
    public unsafe void Stop()
    {
        long one = 1;
        Libc.Write(_stop.Number, (byte*)&one, sizeof(long));
    }

    private void Run()
    {
        bool sourceHeld = false, destinationHeld = false;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            _source.DangerousAddRef(ref sourceHeld);
            _destination.DangerousAddRef(ref destinationHeld);
            while (WaitFor(_source.Number, Libc.PollIn))
            {
                int read = ReadOnce(buffer);
                if (read == 0)
                {
                    break;
                }

                if (read > 0 && !WriteAll(buffer.AsSpan(0, read)))
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Release(_source, sourceHeld, _ownsSource);
            Release(_destination, destinationHeld, _ownsDestination);
            _stop.Dispose();
            _completion.TrySetResult();
        }
    }

    // Returns the bytes read, 0 at the end, -1 when nothing was there after all.
    private unsafe int ReadOnce(byte[] buffer)
    {
        fixed (byte* start = buffer)
        {
            nint n = Libc.Read(_source.Number, start, (nuint)buffer.Length);
            if (n >= 0)
            {
                return (int)n;
            }

            int errno = Marshal.GetLastPInvokeError();
            return errno is Libc.EAgain or Libc.EIntr ? -1 : 0;
        }
    }

    private unsafe bool WriteAll(ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            int written = 0;
            while (written < data.Length)
            {
                nint n = Libc.Write(_destination.Number, start + written, (nuint)(data.Length - written));
                if (n >= 0)
                {
                    written += (int)n;
                    Interlocked.Add(ref _bytes, n);
                    continue;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.EIntr || (errno == Libc.EAgain && WaitFor(_destination.Number, Libc.PollOut)))
                {
                    continue;
                }

                return false;
            }
        }

        return true;
    }

    // Waits until fd is ready for events (or hung up, which the next read reports); false when stopped.
    private unsafe bool WaitFor(int fd, short events)
    {
        var fds = stackalloc Libc.PollFd[2];
        fds[0] = new Libc.PollFd { Fd = fd, Events = events };
        fds[1] = new Libc.PollFd { Fd = _stop.Number, Events = Libc.PollIn };
        while (true)
        {
            int n = Libc.Poll(fds, 2, -1);
            if (n < 0 && Marshal.GetLastPInvokeError() == Libc.EIntr)
            {
                continue;
            }

            if (n < 0 || fds[1].ReturnedEvents != 0 || (fds[0].ReturnedEvents & Libc.PollNval) != 0)
            {
                return false;
            }

            return events == Libc.PollIn || (fds[0].ReturnedEvents & (Libc.PollErr | Libc.PollHup)) == 0;
        }
    }

    private static void Release(FileDescriptor fd, bool held, bool owned)
    {
        if (held)
        {
            fd.DangerousRelease();
        }

        if (owned)
        {
            fd.Dispose();
        }
    }
}
