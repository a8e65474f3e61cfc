using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Tasks;

namespace Berth.Engine;

public sealed partial class ContainerEngine
{
    /// <inheritdoc />
    public async ValueTask PauseAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default)
    {
        var state = await RunningStateAsync(scope, container, cancellationToken);
        if (state.Status is ProcessStatus.Paused or ProcessStatus.Pausing)
        {
            throw new FailedPreconditionException($"Container {state.ContainerId} is already paused");
        }

        await tasks.PauseAsync(scope, state.ContainerId, cancellationToken);
        await PublishContainerAsync(scope, state.ContainerId, "pause");
    }

    /// <inheritdoc />
    public async ValueTask UnpauseAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default)
    {
        var state = await RunningStateAsync(scope, container, cancellationToken);
        if (state.Status is not ProcessStatus.Paused)
        {
            throw new FailedPreconditionException($"Container {state.ContainerId} is not paused");
        }

        await tasks.ResumeAsync(scope, state.ContainerId, cancellationToken);
        await PublishContainerAsync(scope, state.ContainerId, "unpause");
    }

    /// <inheritdoc />
    public async ValueTask RenameAsync(INamespaceScope scope, string container, string name, CancellationToken cancellationToken = default)
    {
        string wanted = name.TrimStart('/');
        if (!ValidName().IsMatch(wanted))
        {
            throw new InvalidArgumentException($"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }

        var (found, _) = await FindAsync(scope, container, cancellationToken);
        var live = Live(scope.Namespace, found.Id);
        await live.Lock.WaitAsync(cancellationToken);
        await _names.WaitAsync(cancellationToken);
        try
        {
            (found, var record) = await FindAsync(scope, found.Id, cancellationToken);
            await foreach (var (other, existing) in ListRecordsAsync(scope, cancellationToken))
            {
                if (existing.Name == wanted && other.Id != found.Id)
                {
                    throw new AlreadyExistsException(
                        $"Conflict. The container name \"/{wanted}\" is already in use by container \"{other.Id}\". You have to remove (or rename) that container to be able to reuse that name.");
                }
            }

            // The name lives in the label and the engine's record; one update writes both.
            var labels = new Dictionary<string, string>(found.Labels, StringComparer.Ordinal) { [ContainerRecord.NameLabel] = wanted };
            var update = new Container(found.Id)
            {
                Labels = labels,
                Extensions = new Dictionary<string, PackedMessage> { [ContainerRecord.ExtensionName] = (record with { Name = wanted }).Pack() },
            };
            await scope.Containers.UpdateAsync(update, ["labels", $"extensions.{ContainerRecord.ExtensionName}"], CancellationToken.None);
            PublishContainer(scope.Namespace, found.Id, record with { Name = wanted }, "rename", ("oldName", "/" + record.Name));
        }
        finally
        {
            _names.Release();
            live.Lock.Release();
        }
    }

    private async ValueTask<ProcessState> RunningStateAsync(INamespaceScope scope, string container, CancellationToken cancellationToken)
    {
        var (found, _) = await FindAsync(scope, container, cancellationToken);
        if (!Live(scope.Namespace, found.Id).Running)
        {
            throw new FailedPreconditionException($"Container {found.Id} is not running");
        }

        return await tasks.GetAsync(scope, found.Id, string.Empty, cancellationToken);
    }
}
