using System.Formats.Tar;
using System.Globalization;
using Berth.Core.Errors;
using Berth.Linux;
using Berth.Storage.Diff.FileSystem;
using Microsoft.Win32.SafeHandles;

namespace Berth.Storage.Diff.Apply;

internal sealed partial class LayerApplier
{
    /// <summary>
    /// Owner, xattrs, mode (after chown, which may clear setuid bits) and times, as containerd's createTarFile; through
    /// <paramref name="file"/> when the entry is a file just created, which spares resolving its path four times.
    /// </summary>
    private void SetAttributes(string rel, TarEntry entry, FileKind kind, SortedDictionary<string, byte[]> xattrs, SafeFileHandle? file = null)
    {
        string host = view.HostPath(rel);
        if (file is null)
        {
            syscalls.Lchown(host, entry.Uid, entry.Gid);
        }
        else
        {
            syscalls.Chown(file, entry.Uid, entry.Gid);
        }

        foreach (var (name, value) in xattrs)
        {
            SetXattr(entry.Name, host, file, kind, name, value);
        }

        if (kind != FileKind.Symlink)
        {
            if (file is null)
            {
                FsOps.Chmod(host, (int)entry.Mode);
            }
            else
            {
                syscalls.Chmod(file, (int)entry.Mode);
            }
        }

        var modified = entry.ModificationTime;
        var accessed = AccessTime(entry) is { } atime && atime > modified ? atime : modified;
        if (kind == FileKind.Directory)
        {
            _folderTimes.Add((rel, accessed, modified));
        }
        else if (file is null)
        {
            syscalls.SetTimes(host, accessed, modified);
        }
        else
        {
            syscalls.SetTimes(file, accessed, modified);
        }
    }

    private void SetXattr(string entryName, string host, SafeFileHandle? file, FileKind kind, string name, byte[] value)
    {
        // A layer must not set overlayfs' own attributes (whiteouts, opaque, redirects): containerd refuses all
        // trusted.* attributes from archives.
        if (name.StartsWith("trusted.", StringComparison.Ordinal))
        {
            DiffLog.IgnoredXattr(logger, entryName, name, "trusted.* attributes are not taken from layers");
            return;
        }

        try
        {
            if (file is null)
            {
                syscalls.SetXattr(host, name, value);
            }
            else
            {
                syscalls.SetXattr(file, name, value);
            }
        }
        catch (PermissionDeniedException) when (name.StartsWith("user.", StringComparison.Ordinal) && kind is not (FileKind.Regular or FileKind.Directory))
        {
            DiffLog.IgnoredXattr(logger, entryName, name, "user.* attributes exist only on files and folders");
        }
        catch (UnimplementedException ex)
        {
            DiffLog.IgnoredXattr(logger, entryName, name, ex.Message);
        }
    }

    private static DateTimeOffset? AccessTime(TarEntry entry) => entry switch
    {
        GnuTarEntry gnu when gnu.AccessTime > DateTimeOffset.UnixEpoch => gnu.AccessTime,
        PaxTarEntry pax when pax.ExtendedAttributes.TryGetValue("atime", out string? text)
            && decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out decimal seconds)
            && seconds is > -62135596800m and < 253402300799m
            => DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond)),
        _ => null,
    };
}
