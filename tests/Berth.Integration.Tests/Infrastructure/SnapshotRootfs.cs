namespace Berth.Integration.Tests.Infrastructure;

/// <summary>Reads the root filesystem an image was unpacked to, through ctr: a view of the top snapshot, mounted.</summary>
public static class SnapshotRootfs
{
    /// <summary>
    /// Mounts a view of the namespace's top snapshot (the one no other has as parent: the namespace must hold one
    /// unpacked image), runs <paramref name="read"/> on the mounted folder, unmounts.
    /// </summary>
    public static async Task<T> ReadTopAsync<T>(Func<string[], Task<ProcessResult>> ctr, Func<string, T> read)
    {
        var rows = (await ctr(["snapshots", "ls"])).EnsureSuccess("snapshots ls").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        string top = rows.Select(r => r[0]).Single(key => rows.All(r => r.Length < 3 || r[1] != key));
        using var target = new Berth.Testing.TempDirectory("rootfs");
        string viewKey = $"view-{Guid.NewGuid():N}";
        // The view is made and its mount printed in one call: an unleased view may be collected by the daemon's next
        // collection (the pull's lease deletion schedules one), but the parents it mounts belong to the image.
        var view = (await ctr(["snapshots", "view", "--target", target.Path, viewKey, top])).EnsureSuccess("view");
        string mount = view.Stdout.Trim();
        var mounted = (await ProcessRunner.RunAsync("/bin/sh", ["-c", mount])).EnsureSuccess(mount);
        if (!File.ReadAllText("/proc/self/mountinfo").Contains(target.Path, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"not mounted after [{mount}]: {mounted}");
        }

        try
        {
            return read(target.Path);
        }
        finally
        {
            await UnmountAsync(target.Path);
            await ctr(["snapshots", "rm", viewKey]);
        }
    }

    /// <summary><see cref="RootfsTree.Describe"/> of the namespace's unpacked image.</summary>
    public static Task<SortedDictionary<string, string>> DescribeTopAsync(Func<string[], Task<ProcessResult>> ctr)
        => ReadTopAsync(ctr, RootfsTree.Describe);

    // A process other tests start at that moment (a runtime cloning its mount namespace) can hold the mount for an
    // instant: EBUSY is retried for a while, then the mount is detached, so the view's removal never fails on it.
    private static async Task UnmountAsync(string path)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                Linux.LinuxSyscalls.Instance.Unmount(path);
                return;
            }
            catch (Core.Errors.UnavailableException)
            {
                await Task.Delay(20);
            }
        }

        Linux.LinuxSyscalls.Instance.Unmount(path, Linux.UnmountFlags.Detach);
    }
}
