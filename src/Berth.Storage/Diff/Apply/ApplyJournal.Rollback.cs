using Berth.Linux;
using Berth.Storage.Diff.FileSystem;

namespace Berth.Storage.Diff.Apply;

internal sealed partial class ApplyJournal
{
    /// <summary>
    /// Puts the root back as it was before the layer. Best effort: a step that fails is logged and the others
    /// still run, so that as much as possible comes back.
    /// </summary>
    public void Rollback()
    {
        for (int i = _steps.Count - 1; i >= 0; i--)
        {
            var step = _steps[i];
            Try($"undo {step.Path}", () =>
            {
                string host = HostPath(step.Path);
                FsOps.RemoveTree(syscalls, host);
                if (step.Backup is not null)
                {
                    syscalls.Rename(step.Backup, host);
                }
            });
        }

        Try("remove the backup folder", () => FsOps.RemoveTree(syscalls, BackupFolder));
        for (int i = _savedOrder.Count - 1; i >= 0; i--)
        {
            string rel = _savedOrder[i];
            Try($"restore folder {rel}", () => Restore(HostPath(rel), _savedFolders[rel]));
        }
    }

    private void Restore(string host, FolderState saved)
    {
        var now = syscalls.Lstat(host);
        if (now is not { Kind: FileKind.Directory })
        {
            return;
        }

        if (now.Uid != saved.Status.Uid || now.Gid != saved.Status.Gid)
        {
            syscalls.Lchown(host, saved.Status.Uid, saved.Status.Gid);
        }

        var current = FsOps.ReadXattrs(syscalls, host);
        foreach (string name in current.Keys.Where(name => !saved.Xattrs.ContainsKey(name)))
        {
            syscalls.RemoveXattr(host, name);
        }

        foreach (var (name, value) in saved.Xattrs)
        {
            if (!current.TryGetValue(name, out var had) || !had.AsSpan().SequenceEqual(value))
            {
                syscalls.SetXattr(host, name, value);
            }
        }

        FsOps.Chmod(host, saved.Status.Mode);
        now = syscalls.Lstat(host)!;
        if (now.ModifiedAt != saved.Status.ModifiedAt || now.AccessedAt != saved.Status.AccessedAt)
        {
            syscalls.SetTimes(host, saved.Status.AccessedAt, saved.Status.ModifiedAt);
        }
    }

    private void Try(string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Core.Errors.BerthException)
        {
            DiffLog.RollbackStepFailed(logger, root, what, ex);
        }
    }
}
