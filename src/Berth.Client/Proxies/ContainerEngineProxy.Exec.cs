using Berth.Api.Containers.V1;
using Berth.Core.Engine;
using Berth.Core.Errors;

namespace Berth.Client.Proxies;

internal sealed partial class ContainerEngineProxy
{
    public async ValueTask<IExecSession> ExecAsync(string container, ExecRequest request, CancellationToken cancellationToken = default)
    {
        var call = client.Exec(cancellationToken: CancellationToken.None);
        var started = await OpenAsync(call, new ExecInput { Start = ExecStart.FromCore(container, request) },
            $"berthd ended the exec in {container} before the process ran", cancellationToken).ConfigureAwait(false);
        if (started.ExecId.Length == 0)
        {
            call.Dispose();
            throw new InternalException($"berthd started a process in {container} without naming its exec id");
        }

        // The wire does not repeat whether there is a terminal: the process has one exactly when the request asked.
        return new ExecSession(call, started.ExecId, request.Tty);
    }
}
