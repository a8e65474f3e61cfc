using System.Collections.Concurrent;
using Berth.Linux;
using Berth.Testing;

namespace Berth.Storage.Tests.Content;

/// <summary>Passes every call to the real syscalls and records the folders synced, with what each held at that moment.</summary>
internal sealed class RecordingSyscalls(ISyscalls inner) : DelegatingSyscalls(inner)
{
    public ConcurrentQueue<(string Path, string[] Entries)> SyncedDirectories { get; } = new();

    public override void SyncDirectory(string path)
    {
        SyncedDirectories.Enqueue((path, Directory.GetFileSystemEntries(path).Select(e => Path.GetFileName(e)).ToArray()));
        base.SyncDirectory(path);
    }
}
