using Berth.Services.Containers;
using Berth.Services.Content;
using Berth.Services.Diff;
using Berth.Services.Engine;
using Berth.Services.Events;
using Berth.Services.Grpc;
using Berth.Services.Images;
using Berth.Services.Introspection;
using Berth.Services.Leases;
using Berth.Services.Namespaces;
using Berth.Services.Snapshots;
using Berth.Services.Tasks;
using Berth.Services.Transfer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Services;

/// <summary>
/// Adds containerd's v1 services and berth's own to a host. The host registers IMetadataStore, IEventExchange, ServerInfo
/// and an IImageTransfer (the Transfer service fails its calls without one); ITaskManager and IContainerEngine when it
/// has a runtime, and IVolumeStore (the Tasks, Engine and Volumes services answer Unavailable without them).
/// </summary>
public static class BerthGrpcServices
{
    /// <summary>The gRPC services berthd serves, as containerd's plugin ids (io.containerd.grpc.v1.*).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "containers", "content", "diff", "engine", "events", "images", "introspection", "leases", "namespaces", "snapshots", "tasks", "volumes",
        "transfer", "version", "files",
    ];

    /// <summary>Registers gRPC with berth's error mapping.</summary>
    public static IServiceCollection AddBerthGrpc(this IServiceCollection services)
    {
        services.AddGrpc(options =>
        {
            options.Interceptors.Add<ErrorMappingInterceptor>();
            // ctr writes content in chunks of up to 1 MiB; leave room above gRPC's 4 MiB default for clients that send more.
            options.MaxReceiveMessageSize = 16 << 20;
        });
        services.AddSingleton<Core.Events.IEventPublisher>(sp => sp.GetRequiredService<Core.Events.IEventExchange>());
        return services;
    }

    /// <summary>Maps every service.</summary>
    public static IEndpointRouteBuilder MapBerthGrpc(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<ContainersGrpcService>();
        endpoints.MapGrpcService<ContentGrpcService>();
        endpoints.MapGrpcService<DiffGrpcService>();
        endpoints.MapGrpcService<EngineGrpcService>();
        endpoints.MapGrpcService<VolumesGrpcService>();
        endpoints.MapGrpcService<EngineEventsGrpcService>();
        endpoints.MapGrpcService<FilesGrpcService>();
        endpoints.MapGrpcService<ResourcesGrpcService>();
        endpoints.MapGrpcService<ChangesGrpcService>();
        endpoints.MapGrpcService<EventsGrpcService>();
        endpoints.MapGrpcService<ImagesGrpcService>();
        endpoints.MapGrpcService<IntrospectionGrpcService>();
        endpoints.MapGrpcService<LeasesGrpcService>();
        endpoints.MapGrpcService<NamespacesGrpcService>();
        endpoints.MapGrpcService<SnapshotsGrpcService>();
        endpoints.MapGrpcService<TasksGrpcService>();
        endpoints.MapGrpcService<TransferGrpcService>();
        endpoints.MapGrpcService<VersionGrpcService>();
        return endpoints;
    }
}
