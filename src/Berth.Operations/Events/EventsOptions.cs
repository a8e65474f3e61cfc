namespace Berth.Operations.Events;

/// <summary>`berth events` (and `berth system events`).</summary>
public sealed record EventsOptions
{
    /// <summary>--filter KEY=VALUE: container, event, type, image, label, volume.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>--since: replay the stored events from this time (a time, Unix seconds or a duration before now).</summary>
    public string? Since { get; init; }

    /// <summary>--until: stop at this time; a past one prints the stored events and ends.</summary>
    public string? Until { get; init; }

    /// <summary>--format: a Go template over docker's event message, or <c>json</c>.</summary>
    public string? Format { get; init; }

    /// <summary>Where the events go, one a line.</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>The clock durations count back from.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
