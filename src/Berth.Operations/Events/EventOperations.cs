using Berth.Client;
using Berth.Core.Engine;
using Berth.Operations.Containers;
using Berth.Operations.Output;

namespace Berth.Operations.Events;

/// <summary>`berth events`: docker's events of the namespace's containers and volumes.</summary>
public static class EventOperations
{
    /// <summary>
    /// Prints the stored events <c>--since</c> asks for, then each new one as it happens, until <c>--until</c> (at once
    /// when that has passed) or until <paramref name="cancellationToken"/> is cancelled (Ctrl-C).
    /// </summary>
    public static async Task EventsAsync(IBerthClient client, EventsOptions options, CancellationToken cancellationToken)
    {
        var filter = EventFilter.Parse(options.Filters);
        var format = EventFormat.Parse(options.Format);
        var now = options.Time.GetUtcNow();
        var query = new EngineEventQuery(Time(options.Since, "since", now), Time(options.Until, "until", now));
        await foreach (var e in client.Events.SubscribeAsync(query, cancellationToken))
        {
            if (filter.Matches(e))
            {
                await options.Stdout.WriteLineAsync(format.Render(e).AsMemory(), cancellationToken);
                await options.Stdout.FlushAsync(cancellationToken);
            }
        }
    }

    // docker's CLI reads the times as logs does, and says only what was wrong with the value.
    private static DateTimeOffset? Time(string? value, string flag, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return LogTime.Parse(value, flag, now);
        }
        catch (ClientException ex)
        {
            string prefix = $"invalid value for \"{flag}\": ";
            throw new ClientException(ex.Message.StartsWith(prefix, StringComparison.Ordinal) ? ex.Message[prefix.Length..] : ex.Message, ex.ExitCode);
        }
    }
}
