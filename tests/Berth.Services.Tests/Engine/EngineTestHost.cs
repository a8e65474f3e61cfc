using Berth.Core.Engine;
using Berth.Services.Tests.TestHosting;
using Rpc = Berth.Api.Containers.V1.Engine;

namespace Berth.Services.Tests.Engine;

/// <summary>berth's gRPC services with a fake <see cref="IContainerEngine"/> (or none) behind them.</summary>
internal sealed class EngineTestHost(IContainerEngine? engine) : FakeServicesHost("engine", Adding(engine))
{
    public static Task<EngineTestHost> StartAsync(IContainerEngine? engine) => StartAsync(new EngineTestHost(engine));

    /// <summary>The generated client with no berth mapping in between, to send what BerthClient never would.</summary>
    public Rpc.EngineClient RawClient() => new(RawChannel);
}
