using System.Collections.Concurrent;
using Berth.Core.Errors;

namespace Berth.Storage.Content.Local;

/// <summary>
/// One writer per ingest in this process (containerd's locks.go). The table is process-wide and keyed by the ingest
/// folder's absolute path, so that two store instances on the same root also exclude each other.
/// </summary>
internal static class IngestLocks
{
    private static readonly ConcurrentDictionary<string, DateTimeOffset> Held = new(StringComparer.Ordinal);

    /// <summary>Takes the lock of the ingest, or throws Unavailable naming <paramref name="reference"/>.</summary>
    public static void Acquire(IngestFolder ingest, string reference)
    {
        if (!Held.TryAdd(ingest.Path, DateTimeOffset.UtcNow))
        {
            throw new UnavailableException($"ref {reference} locked: another write is in progress, retry later");
        }
    }

    public static void Release(IngestFolder ingest) => Held.TryRemove(ingest.Path, out _);
}
