using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Logs;

namespace Berth.Operations.Containers;

/// <summary>
/// The user's console joined to a container's attachment, as docker's CLI joins them: output copied by stream (one
/// raw stream with a terminal), the user's stdin copied in (closed at its end) and, with a terminal, watched for the
/// detach keys (dockerd passes them through to a container without one), the terminal raw and its size followed,
/// signals passed on. Ends when the container's output ends or the user
/// detaches.
/// </summary>
internal sealed class AttachSession(IContainerEngineClient engine, string id, IContainerAttachment attachment, IContainerConsole console)
{
    /// <summary>Attach stdin (<c>-i</c>).</summary>
    public bool Stdin { get; init; }

    /// <summary>Pass the signals berth gets to the container (<c>--sig-proxy</c>).</summary>
    public bool ProxySignals { get; init; }

    /// <summary>The detach sequence.</summary>
    public required DetachKeys Keys { get; init; }

    /// <summary>Streams until the output ends (false) or the user detaches (true, the attachment disposed).</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        bool tty = attachment.Tty;
        using var raw = tty && Stdin && console.StdinIsTerminal ? console.EnterRawMode() : null;
        using var resize = tty && console.StdoutIsTerminal ? console.OnResize(() => _ = ResizeAsync()) : null;
        using var proxy = ProxySignals ? console.OnSignal(signal => _ = KillAsync(signal)) : null;
        if (resize is not null)
        {
            await ResizeAsync();
        }

        var detached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = CopyOutputAsync(tty, cancellationToken);
        if (Stdin)
        {
            _ = CopyInputAsync(detached, cancellationToken);
        }

        if (await Task.WhenAny(output, detached.Task) == detached.Task)
        {
            await attachment.DisposeAsync();
            return true;
        }

        await output;
        return false;
    }

    private async Task CopyOutputAsync(bool tty, CancellationToken cancellationToken)
    {
        await foreach (var chunk in attachment.ReadOutputAsync(cancellationToken))
        {
            var target = tty || chunk.Stream == LogStream.Stdout ? console.Stdout : console.Stderr;
            await target.WriteAsync(chunk.Data, cancellationToken);
            await target.FlushAsync(cancellationToken);
        }
    }

    // Runs on past the session when the output ends first: a read of a terminal cannot be called off, and the
    // process exits soon after.
    private async Task CopyInputAsync(TaskCompletionSource detached, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[4096];
        var forward = new List<byte>();
        try
        {
            while (true)
            {
                int read = await console.Stdin.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    await attachment.CloseInputAsync(cancellationToken);
                    return;
                }

                forward.Clear();
                bool detach = false;
                if (attachment.Tty)
                {
                    detach = Keys.Scan(buffer.AsSpan(0, read), forward);
                }
                else
                {
                    forward.AddRange(buffer.AsSpan(0, read));
                }

                if (forward.Count > 0)
                {
                    await attachment.WriteInputAsync(forward.ToArray(), cancellationToken);
                }

                if (detach)
                {
                    detached.TrySetResult();
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or Core.Errors.BerthException)
        {
            // The container's stdin closed, or the attachment ended: what the user types next goes nowhere, as in docker.
        }
    }

    private async Task ResizeAsync()
    {
        try
        {
            if (console.WindowSize is { } size)
            {
                await attachment.ResizeAsync(size.Width, size.Height);
            }
        }
        catch (Exception ex) when (ex is Core.Errors.BerthException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // A resize that comes as the container ends has nothing left to resize (its stream may be over: cancelled).
        }
    }

    private async Task KillAsync(string signal)
    {
        try
        {
            await engine.KillAsync(id, signal);
        }
        catch (Core.Errors.BerthException)
        {
            // Not running any more: the signal has nothing to reach, as docker ignores it.
        }
    }
}
