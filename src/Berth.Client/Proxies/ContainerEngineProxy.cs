using System.Runtime.CompilerServices;
using Berth.Api.Containers.V1;
using Berth.Api.Conversions;
using Berth.Core.Engine;
using Google.Protobuf.WellKnownTypes;
using CoreLogEntry = Berth.Core.Logs.LogEntry;
using CoreLogsRequest = Berth.Core.Engine.LogsRequest;
using Rpc = Berth.Api.Containers.V1.Engine;
using WaitCondition = Berth.Core.Engine.WaitCondition;

namespace Berth.Client.Proxies;

/// <summary><see cref="IContainerEngineClient"/> over berth's Engine service, in the client's namespace.</summary>
internal sealed partial class ContainerEngineProxy(Rpc.EngineClient client) : IContainerEngineClient
{
    public async ValueTask<ContainerCreated> CreateAsync(ContainerCreate request, CancellationToken cancellationToken = default)
        => (await client.CreateAsync(CreateRequest.FromCore(request), cancellationToken: cancellationToken).ConfigureAwait(false)).ToCore();

    public async ValueTask StartAsync(string container, CancellationToken cancellationToken = default)
        => await client.StartAsync(new ContainerRef { Container = container }, cancellationToken: cancellationToken).ConfigureAwait(false);

    public async ValueTask<ContainerExit> WaitAsync(string container, WaitCondition condition, CancellationToken cancellationToken = default)
    {
        var request = new WaitRequest { Container = container, Condition = condition.ToWire() };
        return (await client.WaitAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false)).ToCore();
    }

    public async ValueTask StopAsync(string container, int? timeoutSeconds = null, string? signal = null,
        CancellationToken cancellationToken = default)
        => await client.StopAsync(StopRequestOf(container, timeoutSeconds, signal), cancellationToken: cancellationToken).ConfigureAwait(false);

    public async ValueTask RestartAsync(string container, int? timeoutSeconds = null, string? signal = null,
        CancellationToken cancellationToken = default)
        => await client.RestartAsync(StopRequestOf(container, timeoutSeconds, signal), cancellationToken: cancellationToken).ConfigureAwait(false);

    private static StopRequest StopRequestOf(string container, int? timeoutSeconds, string? signal)
    {
        var request = new StopRequest { Container = container, Signal = signal ?? string.Empty };
        if (timeoutSeconds is { } timeout)
        {
            request.Timeout = timeout;
        }

        return request;
    }

    public async ValueTask KillAsync(string container, string signal, CancellationToken cancellationToken = default)
        => await client.KillAsync(new KillRequest { Container = container, Signal = signal }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);

    public async ValueTask PauseAsync(string container, CancellationToken cancellationToken = default)
        => await client.PauseAsync(new ContainerRef { Container = container }, cancellationToken: cancellationToken).ConfigureAwait(false);

    public async ValueTask UnpauseAsync(string container, CancellationToken cancellationToken = default)
        => await client.UnpauseAsync(new ContainerRef { Container = container }, cancellationToken: cancellationToken).ConfigureAwait(false);

    public async ValueTask RenameAsync(string container, string name, CancellationToken cancellationToken = default)
        => await client.RenameAsync(new RenameRequest { Container = container, Name = name }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);

    public async ValueTask RemoveAsync(string container, bool force = false, bool volumes = false, CancellationToken cancellationToken = default)
        => await client.RemoveAsync(new RemoveRequest { Container = container, Force = force, Volumes = volumes }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<ContainerDetails>> ListAsync(CancellationToken cancellationToken = default)
    {
        var response = await client.ListAsync(new Empty(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. response.Containers.Select(c => c.ToCore())];
    }

    public async ValueTask<ContainerDetails> InspectAsync(string container, CancellationToken cancellationToken = default)
        => (await client.InspectAsync(new ContainerRef { Container = container }, cancellationToken: cancellationToken)
            .ConfigureAwait(false)).ToCore();

    public async IAsyncEnumerable<CoreLogEntry> LogsAsync(string container, CoreLogsRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var call = client.Logs(Api.Containers.V1.LogsRequest.FromCore(container, request), cancellationToken: cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return call.ResponseStream.Current.ToCore();
        }
    }
}
