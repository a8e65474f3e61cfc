using System.Runtime.Versioning;
using Berth.Core.Mounts;
using Berth.Core.Snapshots;

namespace Berth.Testing.Snapshots;

/// <summary>
/// What every <see cref="ISnapshotter"/> backend must do (containerd's snapshots/testsuite). A backend's test class
/// inherits this and says how to open the backend on a root folder. Tests that write into snapshots mount them and
/// need root; they skip otherwise. Keys contain '/' on purpose: they are opaque to a backend.
/// </summary>
[SupportedOSPlatform("linux")]
public abstract partial class SnapshotterConformanceTests : IDisposable
{
    private readonly TempDirectory _temp = new("snapshots");
    private readonly List<MountedSnapshot> _mounts = [];

    /// <summary>Opens the backend on <paramref name="root"/>, creating it if needed; called again for a restart.</summary>
    protected abstract ValueTask<ISnapshotter> CreateSnapshotterAsync(string root);

    /// <summary>The snapshotter's root, a folder of the test's own.</summary>
    protected string Root => _temp.Combine("root");

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected ValueTask<ISnapshotter> OpenAsync() => CreateSnapshotterAsync(Root);

    protected static void RequireRoot()
        => Assert.SkipUnless(Environment.IsPrivilegedProcess, "mounting a snapshot needs root");

    /// <summary>Mounts onto a fresh folder; whatever is still mounted when the test ends is unmounted by Dispose.</summary>
    protected MountedSnapshot Mount(IReadOnlyList<Mount> mounts)
    {
        string target = _temp.Combine("mnt", $"{_mounts.Count}");
        Directory.CreateDirectory(target);
        var mounted = MountedSnapshot.Mount(mounts, target);
        _mounts.Add(mounted);
        return mounted;
    }

    protected static async Task<List<SnapshotInfo>> WalkAllAsync(ISnapshotter snapshotter, params string[] filters)
    {
        var infos = new List<SnapshotInfo>();
        await foreach (var info in snapshotter.WalkAsync(filters, Token))
        {
            infos.Add(info);
        }

        return infos;
    }

    protected static void AssertSameInfo(SnapshotInfo expected, SnapshotInfo actual)
    {
        Assert.Equal(expected with { Labels = actual.Labels }, actual);
        Assert.Equal(
            new SortedDictionary<string, string>(expected.Labels.ToDictionary(), StringComparer.Ordinal),
            new SortedDictionary<string, string>(actual.Labels.ToDictionary(), StringComparer.Ordinal));
    }

    /// <summary>Prepares <paramref name="key"/>, writes into it through a mount, and commits it as <paramref name="name"/>.</summary>
    protected async Task CommitLayerAsync(ISnapshotter snapshotter, string name, string key, string? parent, Action<string> write)
    {
        var mounts = await snapshotter.PrepareAsync(key, parent, GcRoot, Token);
        using (var mounted = Mount(mounts))
        {
            write(mounted.Target);
        }

        await snapshotter.CommitAsync(name, key, GcRoot, Token);
    }

    /// <summary>Releases what <see cref="CreateSnapshotterAsync"/> opened, before the folders go.</summary>
    protected virtual void DisposeSnapshotters()
    {
    }

    protected static IReadOnlyDictionary<string, string> GcRoot { get; } =
        new Dictionary<string, string> { ["containerd.io/gc.root"] = "2024-01-01T00:00:00Z" };

    public void Dispose()
    {
        DisposeSnapshotters();
        Exception? failure = null;
        foreach (var mounted in Enumerable.Reverse(_mounts))
        {
            try
            {
                mounted.Dispose();
            }
            catch (Exception exception)
            {
                failure ??= exception;
            }
        }

        _temp.Dispose();
        GC.SuppressFinalize(this);
        if (failure is not null)
        {
            throw new InvalidOperationException("a snapshot mount of the test could not be unmounted", failure);
        }
    }
}
