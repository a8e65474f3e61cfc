namespace Berth.Core.Engine;

/// <summary>
/// Something that happened to an object of docker's engine, as <c>docker events</c> shows it:
/// <c>container create &lt;id&gt; (image=busybox, name=web)</c>.
/// </summary>
/// <param name="Type">What kind of object: <see cref="EngineEventTypes"/>.</param>
/// <param name="Action">What happened (<c>create</c>, <c>die</c>, <c>exec_create: sh -c x</c>, …).</param>
/// <param name="ActorId">The object's id: a container's full id, a volume's name.</param>
/// <param name="Attributes">docker's attributes: a container's labels, <c>image</c>, <c>name</c>, and per action more (<c>exitCode</c>, <c>signal</c>).</param>
/// <param name="TimeNano">When, in nanoseconds since the Unix epoch (unique and increasing within a namespace).</param>
public sealed record EngineEvent(string Type, string Action, string ActorId, IReadOnlyDictionary<string, string> Attributes, long TimeNano)
{
    /// <summary><see cref="TimeNano"/> as a time (to the 100 ns a <see cref="DateTimeOffset"/> holds).</summary>
    public DateTimeOffset Time => DateTimeOffset.UnixEpoch.AddTicks(TimeNano / 100);

    /// <summary>Nanoseconds since the Unix epoch of <paramref name="time"/>.</summary>
    public static long ToNano(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
}

/// <summary>docker's event types berth's engine publishes.</summary>
public static class EngineEventTypes
{
    /// <summary>A container's lifecycle: create, start, attach, die, kill, stop, pause, unpause, rename, exec_*, destroy.</summary>
    public const string Container = "container";

    /// <summary>A volume: create, mount, unmount, destroy.</summary>
    public const string Volume = "volume";

    /// <summary>An image: tag, untag, delete, pull, import.</summary>
    public const string Image = "image";
}

/// <summary>What a subscriber asks for: the stored events since a time, then the live ones, until a time.</summary>
/// <param name="Since">Replay the stored events from this time on; null: none unless <paramref name="Until"/> is set (then all stored ones, as docker).</param>
/// <param name="Until">End at this time (at once when it has passed, after the replay); null: until cancelled.</param>
public sealed record EngineEventQuery(DateTimeOffset? Since, DateTimeOffset? Until);

/// <summary>
/// The engine's events, per namespace. A bounded number of past events is kept (as dockerd keeps its last 256), so a
/// subscriber with a <see cref="EngineEventQuery.Since"/> sees them first, then, without a gap or a repeat, each
/// event as it is published, until its <see cref="EngineEventQuery.Until"/> or its cancellation.
/// </summary>
public interface IEngineEvents
{
    /// <summary>Records an event of <paramref name="namespace"/>, stamped with the current time, and hands it to the subscribers.</summary>
    void Publish(string @namespace, string type, string action, string actorId, IReadOnlyDictionary<string, string> attributes);

    /// <summary>The events of <paramref name="namespace"/> the query asks for, oldest first.</summary>
    IAsyncEnumerable<EngineEvent> SubscribeAsync(string @namespace, EngineEventQuery query, CancellationToken cancellationToken = default);
}
