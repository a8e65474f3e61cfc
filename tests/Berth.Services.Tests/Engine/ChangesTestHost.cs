using Berth.Core.Engine;
using Berth.Services.Tests.TestHosting;
using Rpc = Berth.Api.Containers.V1.Changes;

namespace Berth.Services.Tests.Engine;

/// <summary>berth's gRPC services with a fake <see cref="IContainerChanges"/> (or none) behind them.</summary>
internal sealed class ChangesTestHost(IContainerChanges? changes) : FakeServicesHost("changes", Adding(changes))
{
    public static Task<ChangesTestHost> StartAsync(IContainerChanges? changes) => StartAsync(new ChangesTestHost(changes));

    /// <summary>The generated client with no berth mapping in between, to send what BerthClient never would.</summary>
    public Rpc.ChangesClient RawClient() => new(RawChannel);
}
