using System.Globalization;
using Berth.Core.Engine;
using Berth.Core.Metadata;
using Berth.Engine.Events;

namespace Berth.Engine;

/// <summary>
/// docker's events of the engine's containers and volumes, published where each change is made (after it took effect)
/// and kept per namespace by an <see cref="EngineEventLog"/>.
/// </summary>
public sealed partial class ContainerEngine : IEngineEvents
{
    private readonly EngineEventLog _events = new();

    /// <inheritdoc />
    public void Publish(string @namespace, string type, string action, string actorId, IReadOnlyDictionary<string, string> attributes)
        => _events.Publish(@namespace, type, action, actorId, attributes);

    /// <inheritdoc />
    public IAsyncEnumerable<EngineEvent> SubscribeAsync(string @namespace, EngineEventQuery query, CancellationToken cancellationToken = default)
        => _events.SubscribeAsync(@namespace, query, cancellationToken);

    /// <summary>A container event with docker's attributes: the container's labels, <c>image</c> as given, <c>name</c>, and <paramref name="extra"/>.</summary>
    private void PublishContainer(string @namespace, string id, ContainerRecord record, string action, params (string Key, string Value)[] extra)
    {
        var attributes = new Dictionary<string, string>(record.Labels, StringComparer.Ordinal)
        {
            ["image"] = record.Request.Image,
            ["name"] = record.Name,
        };
        foreach (var (key, value) in extra)
        {
            attributes[key] = value;
        }

        _events.Publish(@namespace, EngineEventTypes.Container, action, id, attributes);
    }

    private void PublishKill(string @namespace, string id, ContainerRecord record, uint signal)
        => PublishContainer(@namespace, id, record, "kill", ("signal", signal.ToString(CultureInfo.InvariantCulture)));

    /// <summary>A container event for a container known by id only (its record read again; nothing when it is gone).</summary>
    private async ValueTask PublishContainerAsync(INamespaceScope scope, string id, string action, params (string Key, string Value)[] extra)
    {
        try
        {
            var (_, record) = await FindAsync(scope, id, CancellationToken.None);
            PublishContainer(scope.Namespace, id, record, action, extra);
        }
        catch (Core.Errors.NotFoundException)
        {
        }
    }

    private void PublishVolume(string @namespace, string name, string action, params (string Key, string Value)[] extra)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["driver"] = "local" };
        foreach (var (key, value) in extra)
        {
            attributes[key] = value;
        }

        _events.Publish(@namespace, EngineEventTypes.Volume, action, name, attributes);
    }

    // dockerd mounts a container's volumes as it starts it, and unmounts them once it has died.
    private void PublishVolumeMounts(string @namespace, string id, ContainerRecord record, bool mount)
    {
        foreach (var volume in record.Volumes)
        {
            if (mount)
            {
                PublishVolume(@namespace, volume.Name!, "mount", ("container", id), ("destination", volume.Destination), ("propagation", string.Empty),
                    ("read/write", volume.ReadOnly ? "false" : "true"));
            }
            else
            {
                PublishVolume(@namespace, volume.Name!, "unmount", ("container", id));
            }
        }
    }

    private void PublishDied(string @namespace, string id, ContainerRecord? record, int exitCode)
    {
        if (record is not null)
        {
            PublishContainer(@namespace, id, record, "die", ("exitCode", exitCode.ToString(CultureInfo.InvariantCulture)));
            PublishVolumeMounts(@namespace, id, record, mount: false);
        }
    }

    /// <summary>exec_die once an exec'd process has ended, with its exit code.</summary>
    private async Task<int> PublishExecDieAsync(Task<int> exited, string @namespace, string id, ContainerRecord record, string execId)
    {
        int code = await exited;
        PublishContainer(@namespace, id, record, "exec_die", ("execID", execId), ("exitCode", code.ToString(CultureInfo.InvariantCulture)));
        return code;
    }

    // docker's action names the command: "exec_create: sh -c date" ("exec_create: true " with no arguments).
    private static string ExecAction(string action, IReadOnlyList<string> command) => $"{action}: {command[0]} {string.Join(' ', command.Skip(1))}";
}
