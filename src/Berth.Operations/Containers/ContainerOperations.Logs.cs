using System.Globalization;
using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Logs;

namespace Berth.Operations.Containers;

public static partial class ContainerOperations
{
    /// <summary>
    /// `docker logs`: the container's json-file log, stdout entries to stdout and stderr entries to stderr, each after
    /// its time with -t (RFC 3339 with nine fraction digits, as dockerd writes it).
    /// </summary>
    public static async Task LogsAsync(IBerthClient client, ContainerLogsOptions options, CancellationToken cancellationToken)
    {
        var now = options.Time.GetUtcNow();
        var request = new LogsRequest(
            options.Follow,
            Tail(options.Tail),
            options.Since is { Length: > 0 } since ? LogTime.Parse(since, "since", now) : null,
            options.Until is { Length: > 0 } until ? LogTime.Parse(until, "until", now) : null);
        await foreach (var entry in client.Engine.LogsAsync(options.Container, request, cancellationToken))
        {
            var target = entry.Stream == LogStream.Stderr ? options.Stderr : options.Stdout;
            if (options.Timestamps)
            {
                await target.WriteAsync(Timestamp(entry.Time).AsMemory(), cancellationToken);
                await target.WriteAsync(' ');
            }

            await target.WriteAsync(entry.Text.AsMemory(), cancellationToken);
            await target.FlushAsync(cancellationToken);
        }
    }

    /// <summary>A log entry's time as dockerd writes it: <c>2024-01-02T15:04:05.123456789Z</c>, always nine digits.</summary>
    internal static string Timestamp(DateTimeOffset time)
        => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";

    // dockerd reads --tail leniently: a number of lines, and anything else (all, a negative count, a typo) as all of them.
    private static int? Tail(string? text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int lines) ? lines : null;
}
