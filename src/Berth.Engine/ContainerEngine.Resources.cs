using Berth.Core.Containers;
using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Tasks;
using Berth.Engine.Resources;
using Berth.Oci.Runtime;

namespace Berth.Engine;

public sealed partial class ContainerEngine : IContainerResources
{
    private const string LinuxResourcesTypeUrl = "types.containerd.io/opencontainers/runtime-spec/1/LinuxResources";

    /// <inheritdoc />
    public async ValueTask<ProcessTable> TopAsync(INamespaceScope scope, string container, IReadOnlyList<string> psArgs,
        CancellationToken cancellationToken = default)
    {
        var (found, _) = await FindAsync(scope, container, cancellationToken);
        if (!Live(scope.Namespace, found.Id).Running)
        {
            throw new FailedPreconditionException($"Container {found.Id} is not running");
        }

        var pids = await tasks.ListPidsAsync(scope, found.Id, cancellationToken);
        return await ProcessTableReader.ReadAsync(psArgs, pids.Select(p => p.Pid).ToHashSet(), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<ContainerStatsSample> StatsAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default)
    {
        var (found, record) = await FindAsync(scope, container, cancellationToken);
        var idle = new ContainerStatsSample(found.Id, record.Name, DateTimeOffset.UtcNow);
        if (!Live(scope.Namespace, found.Id).Running)
        {
            return idle;
        }

        try
        {
            var state = await tasks.GetAsync(scope, found.Id, string.Empty, cancellationToken);
            return state.Pid == 0 || state.Status is ProcessStatus.Stopped
                ? idle
                : await StatsReader.ReadAsync(idle, (int)state.Pid, record.Request.Spec.NetworkNamespace == ContainerSpecOptions.HostNetwork, "/proc",
                    cancellationToken);
        }
        catch (NotFoundException)
        {
            // It exited between the check and the reading: docker shows such a container as stopped, with zeros.
            return idle;
        }
    }

    /// <inheritdoc />
    public async ValueTask UpdateAsync(INamespaceScope scope, string container, ResourceUpdate update, CancellationToken cancellationToken = default)
    {
        ResourceChanges.Check(update, Environment.ProcessorCount);
        var (found, _) = await FindAsync(scope, container, cancellationToken);
        var live = Live(scope.Namespace, found.Id);
        await live.Lock.WaitAsync(cancellationToken);
        try
        {
            (found, var record) = await FindAsync(scope, found.Id, cancellationToken);
            var request = ResourceChanges.Apply(found.Id, record.Request, update);
            var spec = found.Spec is { } packed ? RuntimeSpecJson.Parse(packed.Value.Span) : null;
            if (spec is not null)
            {
                SpecResources.Apply(spec, request.Spec);
                if (live.Running)
                {
                    await UpdateTaskAsync(scope, found.Id, spec, cancellationToken);
                }
            }

            // The spec and the engine's record change together, so inspect and the next start agree with the task.
            var changed = new Container(found.Id)
            {
                Spec = spec is null ? null : new PackedMessage(found.Spec!.TypeUrl, RuntimeSpecJson.Serialize(spec)),
                Extensions = new Dictionary<string, PackedMessage> { [ContainerRecord.ExtensionName] = (record with { Request = request }).Pack() },
            };
            string[] paths = spec is null ? [$"extensions.{ContainerRecord.ExtensionName}"] : ["spec", $"extensions.{ContainerRecord.ExtensionName}"];
            await scope.Containers.UpdateAsync(changed, paths, CancellationToken.None);
        }
        finally
        {
            live.Lock.Release();
        }
    }

    private async ValueTask UpdateTaskAsync(INamespaceScope scope, string id, RuntimeSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            var resources = new PackedMessage(LinuxResourcesTypeUrl, SpecResources.ResourcesJson(spec));
            await tasks.UpdateAsync(scope, id, resources, new Dictionary<string, string>(), cancellationToken);
        }
        catch (BerthException e) when (e is not NotFoundException)
        {
            // The runtime's refusal (a limit below the current usage, a cpuset the host lacks), in dockerd's frame.
            throw new InvalidArgumentException($"Cannot update container {id}: {e.Message}");
        }
    }
}
