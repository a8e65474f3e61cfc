using System.Net.Sockets;
using Berth.Shim.Tasks;
using Berth.Ttrpc;
using Berth.Ttrpc.Events;
using Berth.Ttrpc.Tasks;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Berth.Shim.Cli;

/// <summary>
/// The serving shim: the task API on its socket until a Shutdown with no task left; task events forwarded to the daemon's
/// ttrpc socket (<c>TTRPC_ADDRESS</c>), its log written to the bundle's <c>log</c> FIFO, which the daemon reads.
/// </summary>
internal static class ServeAction
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(ShimArguments arguments)
    {
        using var loggers = FifoLogger.Open("log", arguments.Debug ? LogLevel.Debug : LogLevel.Information);
        await using var events = new EventForwardingClient(Environment.GetEnvironmentVariable("TTRPC_ADDRESS") ?? arguments.Address + ".ttrpc");
        var tasks = new TaskService(new TaskServiceOptions(arguments.Namespace), new ForwardingSink(events, arguments.Namespace),
            loggers.CreateLogger<TaskService>());
        await using var server = new TtrpcServer(loggers.CreateLogger<TtrpcServer>());
        TaskServiceBinding.Register(server, tasks);
        if (arguments.ListenFd > 0)
        {
            // The socket `start` bound (and handed down, or kept when it serves in place): connections made meanwhile
            // wait in its backlog.
            server.Serve(new Socket(new SafeSocketHandle(arguments.ListenFd, ownsHandle: true)));
        }
        else
        {
            server.Listen(arguments.Socket);
            File.SetUnixFileMode(arguments.Socket, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // Until Shutdown is asked for; then stop serving and let the last events go out. Waited for without a cancelled
        // delay, whose exception a shim would pay for on its way out.
        // The socket's file goes inside the Shutdown call, before its answer: the daemon may start the same container's
        // next shim at once, on the same path, and must find it free (and this shim must not remove that one's file).
        var shutdown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (tasks.ShutdownRequested.Register(() =>
        {
            if (arguments.ListenFd > 0 && arguments.Socket.Length > 0)
            {
                File.Delete(arguments.Socket);
            }

            shutdown.TrySetResult();
        }))
        {
            await shutdown.Task;
        }

        await server.ShutdownAsync(ShutdownGrace);

        await tasks.DisposeAsync();
        return 0;
    }

    private sealed class ForwardingSink(EventForwardingClient events, string @namespace) : IEventSink
    {
        public Task PublishAsync(string topic, IMessage @event, CancellationToken cancellationToken)
            => events.PublishAsync(@namespace, topic, @event, cancellationToken);
    }
}
