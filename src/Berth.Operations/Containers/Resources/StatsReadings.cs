using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;

namespace Berth.Operations.Containers.Resources;

/// <summary>One reading of every container <c>docker stats</c> shows, and the daemon's errors for those it could not read.</summary>
internal sealed record StatsReading(IReadOnlyList<(string Container, ContainerStatsSample Sample)> Samples, IReadOnlyList<string> Errors);

/// <summary>
/// The readings of a <c>docker stats</c> run: the named containers in the order given, or, when none is named, the
/// running ones (every one with -a) newest first, listed again at each reading so that new containers appear and
/// removed ones go, as in docker's live table.
/// </summary>
internal sealed class StatsReadings(IBerthClient client, ContainerStatsOptions options)
{
    /// <summary>Reads every container at once.</summary>
    public async Task<StatsReading> ReadAsync(CancellationToken cancellationToken)
    {
        var targets = options.Containers.Count > 0
            ? [.. options.Containers.Select(name => (Container: name, Reference: name))]
            : (await client.Engine.ListAsync(cancellationToken))
                .Where(c => options.All || c.State.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting)
                .Select(c => (Container: c.Id[..Math.Min(12, c.Id.Length)], Reference: c.Id))
                .ToList();

        var readings = await Task.WhenAll(targets.Select(target => ReadOneAsync(target.Container, target.Reference, cancellationToken)));
        return new StatsReading(
            [.. readings.Where(r => r.Sample is not null).Select(r => (r.Container, r.Sample!))],
            [.. readings.Select(r => r.Error).OfType<string>()]);
    }

    /// <summary>The rows of <paramref name="current"/>, CPU % measured against <paramref name="previous"/>.</summary>
    public IEnumerable<IReadOnlyDictionary<string, string>> Rows(StatsReading? previous, StatsReading current)
        => current.Samples.Select(entry => StatsRow.Of(
            entry.Container,
            previous?.Samples.Select(p => p.Sample).FirstOrDefault(p => p.Id == entry.Sample.Id),
            entry.Sample,
            options.NoTrunc));

    private async Task<(string Container, ContainerStatsSample? Sample, string? Error)> ReadOneAsync(string container, string reference,
        CancellationToken cancellationToken)
    {
        try
        {
            return (container, await client.Resources.StatsAsync(reference, cancellationToken), null);
        }
        catch (NotFoundException) when (options.Containers.Count == 0)
        {
            // Removed between the listing and the reading: gone from the table, as from docker's.
            return (container, null, null);
        }
        catch (BerthException ex) when (ex is not UnavailableException)
        {
            return (container, null, $"Error response from daemon: {ex.Message}");
        }
    }
}
