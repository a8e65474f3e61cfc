using Containerd.Services.Version.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Rpc = Containerd.Services.Version.V1.Version;

namespace Berth.Services.Introspection;

/// <summary>containerd's Version service.</summary>
internal sealed class VersionGrpcService(ServerInfo server) : Rpc.VersionBase
{
    public override Task<VersionResponse> Version(Empty request, ServerCallContext context)
        => Task.FromResult(new VersionResponse { Version = server.Version, Revision = server.Revision });
}
