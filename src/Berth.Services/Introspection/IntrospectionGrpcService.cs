using Berth.Core.Filters;
using Berth.Core.Plugins;
using Containerd.Services.Introspection.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Rpc = Containerd.Services.Introspection.V1.Introspection;

namespace Berth.Services.Introspection;

/// <summary>containerd's Introspection service: the plugins the daemon was built with and how they started.</summary>
internal sealed class IntrospectionGrpcService(ServerInfo server) : Rpc.IntrospectionBase
{
    public override Task<PluginsResponse> Plugins(PluginsRequest request, ServerCallContext context)
    {
        var filter = Filter.Parse(request.Filters);
        var response = new PluginsResponse();
        foreach (var plugin in server.Plugins.Where(p => filter.Match(path => Field(p, path))))
        {
            response.Plugins.Add(ToWire(plugin));
        }

        return Task.FromResult(response);
    }

    public override Task<ServerResponse> Server(Empty request, ServerCallContext context)
        => Task.FromResult(new ServerResponse { Uuid = server.Uuid });

    private static string? Field(PluginInfo plugin, IReadOnlyList<string> path) => path switch
    {
        ["type"] => plugin.Type,
        ["id"] => plugin.Id,
        ["capabilities"] => plugin.Capabilities.Count > 0 ? string.Join(",", plugin.Capabilities) : null,
        _ => null,
    };

    private static Plugin ToWire(PluginInfo plugin)
    {
        var wire = new Plugin { Type = plugin.Type, Id = plugin.Id };
        wire.Requires.Add(plugin.Requires);
        wire.Capabilities.Add(plugin.Capabilities);
        Berth.Api.Conversions.Wire.Fill(wire.Exports, plugin.Exports);
        wire.Platforms.Add(new Containerd.Types.Platform { Os = "linux", Architecture = HostArchitecture });
        if (plugin.InitError is not null)
        {
            wire.InitErr = new Google.Rpc.Status { Code = (int)StatusCode.Unknown, Message = plugin.InitError };
        }

        return wire;
    }

    private static string HostArchitecture => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        var other => other.ToString().ToLowerInvariant(),
    };
}
