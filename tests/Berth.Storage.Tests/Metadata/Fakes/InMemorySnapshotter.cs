using System.Runtime.CompilerServices;
using Berth.Core.Errors;
using Berth.Core.Filters;
using Berth.Core.Labels;
using Berth.Core.Mounts;
using Berth.Core.Snapshots;

namespace Berth.Storage.Tests.Metadata.Fakes;

/// <summary>
/// A global snapshotter in memory with the rules of containerd's snapshot storage: a parent must be committed, only
/// an active snapshot can be committed, a snapshot with children cannot be removed, keys are unique.
/// </summary>
public sealed class InMemorySnapshotter(TimeProvider? time = null) : ISnapshotter
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, SnapshotInfo> _snapshots = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public int Cleanups { get; private set; }

    public IReadOnlyCollection<string> Keys
    {
        get
        {
            lock (_sync)
            {
                return [.. _snapshots.Keys];
            }
        }
    }

    public ValueTask<SnapshotInfo> StatAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return ValueTask.FromResult(Get(key));
        }
    }

    public ValueTask<SnapshotInfo> UpdateAsync(SnapshotInfo info, IReadOnlyList<string>? fieldPaths = null, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            var current = Get(info.Name);
            var (labels, _) = LabelSet.ApplyUpdate(current.Labels, info.Labels, fieldPaths);
            return ValueTask.FromResult(_snapshots[info.Name] = current with { Labels = labels, UpdatedAt = _time.GetUtcNow() });
        }
    }

    public ValueTask<SnapshotUsage> UsageAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            _ = Get(key);
            return ValueTask.FromResult(new SnapshotUsage(4096, 1));
        }
    }

    public ValueTask<IReadOnlyList<Mount>> MountsAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            var info = Get(key);
            return info.Kind == SnapshotKind.Committed
                ? throw new FailedPreconditionException($"snapshot {key} is committed, not active or view")
                : ValueTask.FromResult(MountsOf(info));
        }
    }

    public ValueTask<IReadOnlyList<Mount>> PrepareAsync(string key, string? parent, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default) => Create(key, parent, SnapshotKind.Active, labels);

    public ValueTask<IReadOnlyList<Mount>> ViewAsync(string key, string? parent, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default) => Create(key, parent, SnapshotKind.View, labels);

    public ValueTask CommitAsync(string name, string key, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            var active = Get(key);
            if (active.Kind != SnapshotKind.Active)
            {
                throw new FailedPreconditionException($"snapshot {key} is not active");
            }

            if (_snapshots.ContainsKey(name))
            {
                throw new AlreadyExistsException($"snapshot {name} already exists");
            }

            _snapshots.Remove(key);
            var now = _time.GetUtcNow();
            _snapshots[name] = new SnapshotInfo(name, active.Parent, SnapshotKind.Committed, now, now) { Labels = labels ?? LabelSet.Empty };
            return ValueTask.CompletedTask;
        }
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            _ = Get(key);
            if (_snapshots.Values.Any(s => s.Parent == key))
            {
                throw new FailedPreconditionException($"cannot remove snapshot {key} with child");
            }

            _snapshots.Remove(key);
            return ValueTask.CompletedTask;
        }
    }

    public async IAsyncEnumerable<SnapshotInfo> WalkAsync(IReadOnlyList<string>? filters = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = Filter.Parse(filters);
        List<SnapshotInfo> infos;
        lock (_sync)
        {
            infos = [.. _snapshots.Values];
        }

        foreach (var info in infos.Where(i => filter.Match(p => p is ["name"] ? i.Name : p is ["parent"] ? i.Parent ?? "" : null)))
        {
            await Task.Yield();
            yield return info;
        }
    }

    public ValueTask CleanupAsync(CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            Cleanups++;
        }

        return ValueTask.CompletedTask;
    }

    private ValueTask<IReadOnlyList<Mount>> Create(string key, string? parent, SnapshotKind kind, IReadOnlyDictionary<string, string>? labels)
    {
        lock (_sync)
        {
            if (_snapshots.ContainsKey(key))
            {
                throw new AlreadyExistsException($"snapshot {key} already exists");
            }

            if (parent is not null)
            {
                var parentInfo = _snapshots.TryGetValue(parent, out var p) ? p : throw new NotFoundException($"parent {parent} does not exist");
                if (parentInfo.Kind != SnapshotKind.Committed)
                {
                    throw new InvalidArgumentException($"parent {parent} is not committed snapshot");
                }
            }

            var now = _time.GetUtcNow();
            var info = new SnapshotInfo(key, parent, kind, now, now) { Labels = labels ?? LabelSet.Empty };
            _snapshots.Add(key, info);
            return ValueTask.FromResult(MountsOf(info));
        }
    }

    private SnapshotInfo Get(string key)
        => _snapshots.TryGetValue(key, out var info) ? info : throw new NotFoundException($"snapshot {key} does not exist");

    private static IReadOnlyList<Mount> MountsOf(SnapshotInfo info)
        => [new Mount("bind", "/fake/" + info.Name, [info.Kind == SnapshotKind.View ? "ro" : "rw", "rbind"])];
}
