using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;

namespace Berth.Operations.Tests.Fakes;

/// <summary>
/// berthd's volumes in memory, with its answers and errors: a volume in <see cref="InUse"/> is refused removal (and
/// kept by prune) as one a container mounts; every call is recorded in <see cref="Calls"/>.
/// </summary>
internal sealed class FakeVolumes : IVolumeClient
{
    public static readonly DateTimeOffset Created = new(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);

    private readonly SortedDictionary<string, Volume> _volumes = new(StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    /// <summary>Volume name → the ids of the containers using it.</summary>
    public Dictionary<string, List<string>> InUse { get; } = [];

    public IReadOnlyCollection<string> Names => _volumes.Keys;

    public Volume Add(string name, bool anonymous = false, IReadOnlyDictionary<string, string>? labels = null)
        => _volumes[name] = new Volume(name)
        {
            Mountpoint = $"/var/lib/berth/volumes/default/{name}/_data",
            CreatedAt = Created,
            Anonymous = anonymous,
            Labels = labels ?? new Dictionary<string, string>(),
        };

    /// <summary>Stores a volume as given (a real folder for its mountpoint, say).</summary>
    public void Put(Volume volume) => _volumes[volume.Name] = volume;

    public ValueTask<Volume> CreateAsync(VolumeCreate request, CancellationToken cancellationToken = default)
    {
        Calls.Add($"create {request.Name ?? "-"}");
        string name = request.Name ?? new string('a', 64);
        if (!_volumes.TryGetValue(name, out var volume))
        {
            volume = Add(name) with { Labels = request.Labels, Options = request.Options };
            _volumes[name] = volume;
        }

        return ValueTask.FromResult(volume);
    }

    public ValueTask<Volume> InspectAsync(string name, CancellationToken cancellationToken = default)
        => _volumes.TryGetValue(name, out var volume) ? ValueTask.FromResult(volume)
            : ValueTask.FromException<Volume>(new NotFoundException($"get {name}: no such volume"));

    public ValueTask<IReadOnlyList<Volume>> ListAsync(CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<Volume>>([.. _volumes.Values]);

    public ValueTask RemoveAsync(string name, bool force = false, CancellationToken cancellationToken = default)
    {
        Calls.Add($"rm {name} force={force}");
        if (!_volumes.ContainsKey(name))
        {
            return force ? ValueTask.CompletedTask : ValueTask.FromException(new NotFoundException($"get {name}: no such volume"));
        }

        if (InUse.TryGetValue(name, out var users))
        {
            return ValueTask.FromException(new FailedPreconditionException($"remove {name}: volume is in use - [{string.Join(", ", users)}]"));
        }

        _volumes.Remove(name);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<string>> PruneAsync(bool all = false, CancellationToken cancellationToken = default)
    {
        Calls.Add($"prune all={all}");
        var pruned = _volumes.Values.Where(v => (all || v.Anonymous) && !InUse.ContainsKey(v.Name)).Select(v => v.Name).ToList();
        pruned.ForEach(n => _volumes.Remove(n));
        return ValueTask.FromResult<IReadOnlyList<string>>(pruned);
    }
}
