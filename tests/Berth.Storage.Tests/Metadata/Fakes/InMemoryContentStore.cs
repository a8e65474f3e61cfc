using System.Runtime.CompilerServices;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Filters;
using Berth.Core.Labels;
using Berth.Oci;

namespace Berth.Storage.Tests.Metadata.Fakes;

/// <summary>
/// A global content store in memory that behaves as containerd's local store: blobs by digest, ingests by ref with
/// one writer at a time, AlreadyExists on an expected digest it holds, a commit that checks size and digest.
/// </summary>
public sealed partial class InMemoryContentStore(TimeProvider? time = null) : IContentStore
{
    private readonly Lock _sync = new();
    private readonly Dictionary<Digest, (byte[] Data, ContentInfo Info)> _blobs = [];
    private readonly Dictionary<string, Ingest> _ingests = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Runs after a commit made the blob visible, before the commit returns: lets a test act in between.</summary>
    public Func<Digest, Task>? AfterCommit { get; set; }

    public IReadOnlyCollection<Digest> Digests
    {
        get
        {
            lock (_sync)
            {
                return [.. _blobs.Keys];
            }
        }
    }

    public IReadOnlyCollection<string> IngestRefs
    {
        get
        {
            lock (_sync)
            {
                return [.. _ingests.Keys];
            }
        }
    }

    /// <summary>Puts a blob straight in, as a crash after the backend commit would leave it.</summary>
    public Digest Add(byte[] data)
    {
        var digest = Digest.Sha256(data);
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            _blobs[digest] = (data, new ContentInfo(digest, data.Length, now, now));
        }

        return digest;
    }

    public ValueTask<IContentReader> OpenReadAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return _blobs.TryGetValue(digest, out var blob)
                ? ValueTask.FromResult<IContentReader>(new MemoryReader(blob.Data))
                : throw new NotFoundException($"content {digest} not found");
        }
    }

    // Nothing here follows an ingest while it is written (the local store's conformance tests cover that).
    public ValueTask<IContentReader> OpenIngestReadAsync(string reference, CancellationToken cancellationToken = default)
        => throw new UnimplementedException("the in-memory store cannot follow ingests");

    public ValueTask<ContentInfo> InfoAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return _blobs.TryGetValue(digest, out var blob)
                ? ValueTask.FromResult(blob.Info)
                : throw new NotFoundException($"content {digest} not found");
        }
    }

    public ValueTask<ContentInfo> UpdateAsync(ContentInfo info, IReadOnlyList<string>? fieldPaths = null, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_blobs.TryGetValue(info.Digest, out var blob))
            {
                throw new NotFoundException($"content {info.Digest} not found");
            }

            var (labels, others) = LabelSet.ApplyUpdate(blob.Info.Labels, info.Labels, fieldPaths);
            if (others.Count > 0)
            {
                throw new InvalidArgumentException($"cannot update {others[0]}");
            }

            var updated = blob.Info with { Labels = labels, UpdatedAt = _time.GetUtcNow() };
            _blobs[info.Digest] = (blob.Data, updated);
            return ValueTask.FromResult(updated);
        }
    }

    public async IAsyncEnumerable<ContentInfo> WalkAsync(IReadOnlyList<string>? filters = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = Filter.Parse(filters);
        List<ContentInfo> infos;
        lock (_sync)
        {
            infos = [.. _blobs.Values.Select(b => b.Info)];
        }

        foreach (var info in infos.Where(i => filter.Match(p => p is ["digest"] ? i.Digest.ToString() : null)))
        {
            await Task.Yield();
            yield return info;
        }
    }

    public ValueTask DeleteAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return _blobs.Remove(digest) ? ValueTask.CompletedTask : throw new NotFoundException($"content {digest} not found");
        }
    }

    private sealed class MemoryReader(byte[] data) : IContentReader
    {
        public long Size => data.Length;

        public ValueTask<int> ReadAtAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken = default)
        {
            int count = (int)Math.Max(0, Math.Min(buffer.Length, data.Length - offset));
            data.AsSpan((int)offset, count).CopyTo(buffer.Span);
            return ValueTask.FromResult(count);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
