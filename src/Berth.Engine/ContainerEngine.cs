using System.Collections.Concurrent;
using Berth.Core.Containers;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Tasks;
using Berth.Linux;
using Berth.Runtime.Spec;
using Microsoft.Extensions.Logging;

namespace Berth.Engine;

/// <summary>
/// berthd's container engine (<see cref="IContainerEngine"/>): a container is containerd's record (its spec, snapshot and
/// the engine's <see cref="ContainerRecord"/> in an extension) plus, while it lives, a <see cref="LiveContainer"/>.
/// Tasks run through the task manager like any client's; the engine deletes a task when it exits, as dockerd does, then
/// applies the restart policy or removes the container.
/// </summary>
public sealed partial class ContainerEngine(
    IMetadataStore metadata, ITaskManager tasks, SpecBuilder specs, ISyscalls syscalls, EngineOptions options, ILogger<ContainerEngine> logger)
    : IContainerEngine, IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Namespace, string Id), LiveContainer> _live = new();
    private readonly RecentRemovals _removed = new();
    private readonly SemaphoreSlim _names = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// Stops watching containers. They and their shims go on, their output waiting in the FIFOs (which stay, for the
    /// next berthd to reopen); restarts waiting for their back-off are dropped, to be decided again at the next start.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var live in _live.Values)
        {
            live.CancelRestart();
        }
    }

    private LiveContainer Live(string @namespace, string id) => _live.GetOrAdd((@namespace, id), static key => new LiveContainer(key.Id));

    private string ContainerFolder(string id) => Path.Join(options.ContainersRoot, id);

    private string LogPath(string id) => Path.Join(ContainerFolder(id), id + "-json.log");

    /// <summary>The container's folder: its log and its /etc files.</summary>
    private void DeleteFolder(string id)
    {
        if (Directory.Exists(ContainerFolder(id)))
        {
            Directory.Delete(ContainerFolder(id), recursive: true);
        }
    }

    private string IoFolder(string @namespace, string id) => Path.Join(options.IoRoot, @namespace, id);

    /// <summary>docker's lookup: a full id, then a name, then a unique id prefix.</summary>
    private static async ValueTask<(Container Container, ContainerRecord Record)> FindAsync(INamespaceScope scope, string reference, CancellationToken cancellationToken)
    {
        // A full id (what the CLI sends once it has made the container) is one record read, not a walk of them all.
        if (reference.Length == 64 && reference.All(char.IsAsciiHexDigitLower))
        {
            try
            {
                var direct = await scope.Containers.GetAsync(reference, cancellationToken);
                if (ContainerRecord.Of(direct) is { } record)
                {
                    return (direct, record);
                }
            }
            catch (NotFoundException)
            {
                // A name or prefix may still look like this: docker's order goes on below.
            }
        }

        string name = reference.TrimStart('/');
        (Container, ContainerRecord)? byPrefix = null;
        int prefixMatches = 0;
        await foreach (var (container, record) in ListRecordsAsync(scope, cancellationToken))
        {
            if (container.Id == reference || record.Name == name)
            {
                return (container, record);
            }

            if (reference.Length > 0 && container.Id.StartsWith(reference, StringComparison.Ordinal))
            {
                byPrefix = (container, record);
                prefixMatches++;
            }
        }

        return prefixMatches switch
        {
            1 => byPrefix!.Value,
            > 1 => throw new InvalidArgumentException($"multiple IDs found with provided prefix: {reference}"),
            _ => throw new NotFoundException($"No such container: {reference}"),
        };
    }

    /// <summary>The namespace's containers made by the engine (ctr's own are left out).</summary>
    private static async IAsyncEnumerable<(Container Container, ContainerRecord Record)> ListRecordsAsync(
        INamespaceScope scope, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var container in scope.Containers.ListAsync(null, cancellationToken))
        {
            if (ContainerRecord.Of(container) is { } record)
            {
                yield return (container, record);
            }
        }
    }

    /// <summary>Writes the engine's record into the container's extension (one SQLite transaction).</summary>
    private static async ValueTask SaveAsync(INamespaceScope scope, string id, ContainerRecord record)
    {
        var update = new Container(id) { Extensions = new Dictionary<string, PackedMessage> { [ContainerRecord.ExtensionName] = record.Pack() } };
        await scope.Containers.UpdateAsync(update, [$"extensions.{ContainerRecord.ExtensionName}"], CancellationToken.None);
    }
}
