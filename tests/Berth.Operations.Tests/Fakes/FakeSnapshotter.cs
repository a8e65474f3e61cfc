using Berth.Core.Errors;
using Berth.Core.Mounts;
using Berth.Core.Snapshots;

namespace Berth.Operations.Tests.Fakes;

/// <summary>Only what the image commands read: stat and usage of committed layer snapshots.</summary>
internal sealed class FakeSnapshotter(FakeBerthClient client, string name) : ISnapshotter
{
    public ValueTask<SnapshotInfo> StatAsync(string key, CancellationToken cancellationToken = default)
        => client.Usage.ContainsKey((name, key))
            ? ValueTask.FromResult(new SnapshotInfo(key, null, SnapshotKind.Committed, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch))
            : throw new NotFoundException($"snapshot {key} does not exist");

    public ValueTask<SnapshotUsage> UsageAsync(string key, CancellationToken cancellationToken = default)
        => client.Usage.TryGetValue((name, key), out long size)
            ? ValueTask.FromResult(new SnapshotUsage(size, 1))
            : throw new NotFoundException($"snapshot {key} does not exist");

    public ValueTask<SnapshotInfo> UpdateAsync(SnapshotInfo info, IReadOnlyList<string>? fieldPaths = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public ValueTask<IReadOnlyList<Mount>> MountsAsync(string key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<IReadOnlyList<Mount>> PrepareAsync(string key, string? parent, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<IReadOnlyList<Mount>> ViewAsync(string key, string? parent, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask CommitAsync(string name, string key, IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<SnapshotInfo> WalkAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public ValueTask CleanupAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
