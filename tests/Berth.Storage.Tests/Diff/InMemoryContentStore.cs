using System.Runtime.CompilerServices;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Storage.Tests.Diff;

/// <summary>A content store in memory, enough for the diff service's tests (the real LocalContentStore is elsewhere).</summary>
internal sealed class InMemoryContentStore : IContentStore
{
    private readonly Dictionary<Digest, (byte[] Data, ContentInfo Info)> _blobs = [];
    private readonly Dictionary<string, Ingest> _ingests = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Called with the offset of every read, before it happens.</summary>
    public Action<long>? OnRead { get; set; }

    public Digest Put(byte[] data)
    {
        var digest = Digest.Sha256(data);
        lock (_lock)
        {
            _blobs[digest] = (data, new ContentInfo(digest, data.Length, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        }

        return digest;
    }

    public byte[] Get(Digest digest)
    {
        lock (_lock)
        {
            return _blobs[digest].Data;
        }
    }

    public int IngestCount
    {
        get
        {
            lock (_lock)
            {
                return _ingests.Count;
            }
        }
    }

    public ValueTask<IContentReader> OpenReadAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return _blobs.TryGetValue(digest, out var blob)
                ? ValueTask.FromResult<IContentReader>(new Reader(blob.Data, OnRead))
                : throw new NotFoundException($"content {digest} not found");
        }
    }

    public ValueTask<IContentWriter> OpenWriterAsync(ContentWriterOptions options, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_ingests.TryGetValue(options.Ref, out var ingest))
            {
                _ingests[options.Ref] = ingest = new Ingest(options.Ref, DateTimeOffset.UtcNow);
            }

            return ValueTask.FromResult<IContentWriter>(new Writer(this, ingest));
        }
    }

    // Nothing here follows an ingest while it is written (the local store's conformance tests cover that).
    public ValueTask<IContentReader> OpenIngestReadAsync(string reference, CancellationToken cancellationToken = default)
        => throw new Berth.Core.Errors.UnimplementedException("the in-memory store cannot follow ingests");

    public ValueTask<ContentStatus> StatusAsync(string reference, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return _ingests.TryGetValue(reference, out var ingest)
                ? ValueTask.FromResult(ingest.Status())
                : throw new NotFoundException($"ingest {reference} not found");
        }
    }

    public async IAsyncEnumerable<ContentStatus> ListStatusesAsync(IReadOnlyList<string>? filters = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<ContentStatus> statuses;
        lock (_lock)
        {
            statuses = [.. _ingests.Values.Select(i => i.Status())];
        }

        foreach (var status in statuses)
        {
            await Task.Yield();
            yield return status;
        }
    }

    public ValueTask AbortAsync(string reference, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return _ingests.Remove(reference) ? ValueTask.CompletedTask : throw new NotFoundException($"ingest {reference} not found");
        }
    }

    public ValueTask<ContentInfo> InfoAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return _blobs.TryGetValue(digest, out var blob) ? ValueTask.FromResult(blob.Info) : throw new NotFoundException($"content {digest} not found");
        }
    }

    public ValueTask<ContentInfo> UpdateAsync(ContentInfo info, IReadOnlyList<string>? fieldPaths = null, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var (data, old) = _blobs.TryGetValue(info.Digest, out var blob) ? blob : throw new NotFoundException($"content {info.Digest} not found");
            var labels = new Dictionary<string, string>(old.Labels);
            foreach (string path in fieldPaths is { Count: > 0 } ? fieldPaths : ["labels"])
            {
                if (path == "labels")
                {
                    labels = new Dictionary<string, string>(info.Labels);
                }
                else if (path.StartsWith("labels.", StringComparison.Ordinal))
                {
                    string key = path["labels.".Length..];
                    if (info.Labels.TryGetValue(key, out string? value))
                    {
                        labels[key] = value;
                    }
                    else
                    {
                        labels.Remove(key);
                    }
                }
            }

            var updated = old with { Labels = labels, UpdatedAt = DateTimeOffset.UtcNow };
            _blobs[info.Digest] = (data, updated);
            return ValueTask.FromResult(updated);
        }
    }

    public async IAsyncEnumerable<ContentInfo> WalkAsync(IReadOnlyList<string>? filters = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<ContentInfo> infos;
        lock (_lock)
        {
            infos = [.. _blobs.Values.Select(b => b.Info)];
        }

        foreach (var info in infos)
        {
            await Task.Yield();
            yield return info;
        }
    }

    public ValueTask DeleteAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return _blobs.Remove(digest) ? ValueTask.CompletedTask : throw new NotFoundException($"content {digest} not found");
        }
    }

    private sealed class Ingest(string reference, DateTimeOffset startedAt)
    {
        public MemoryStream Data { get; } = new();

        public ContentStatus Status() => new(reference, Data.Length, 0, null, startedAt, DateTimeOffset.UtcNow);
    }

    private sealed class Reader(byte[] data, Action<long>? onRead) : IContentReader
    {
        public long Size => data.Length;

        public ValueTask<int> ReadAtAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken = default)
        {
            onRead?.Invoke(offset);
            if (offset >= data.Length)
            {
                return ValueTask.FromResult(0);
            }

            // Short reads on purpose, so that readers that assume full buffers get caught.
            int count = (int)Math.Min(Math.Min(buffer.Length, data.Length - offset), 7000);
            data.AsSpan((int)offset, count).CopyTo(buffer.Span);
            return ValueTask.FromResult(count);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Writer(InMemoryContentStore store, Ingest ingest) : IContentWriter
    {
        public string Ref => ingest.Status().Ref;

        public Digest Digest => Digest.Sha256(ingest.Data.ToArray());

        public ValueTask<ContentStatus> StatusAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(ingest.Status());

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            ingest.Data.Write(data.Span);
            return ValueTask.CompletedTask;
        }

        public ValueTask TruncateAsync(long size, CancellationToken cancellationToken = default)
        {
            ingest.Data.SetLength(size);
            return ValueTask.CompletedTask;
        }

        public ValueTask CommitAsync(long size, Digest? expected, IReadOnlyDictionary<string, string>? labels = null,
            CancellationToken cancellationToken = default)
        {
            byte[] data = ingest.Data.ToArray();
            var digest = Digest.Sha256(data);
            if ((size > 0 && size != data.Length) || (expected is { } want && want != digest))
            {
                throw new FailedPreconditionException($"commit of {Ref}: got {digest} of {data.Length} bytes");
            }

            lock (store._lock)
            {
                store._ingests.Remove(Ref);
                if (store._blobs.ContainsKey(digest))
                {
                    throw new AlreadyExistsException($"content {digest} exists");
                }

                store._blobs[digest] = (data, new ContentInfo(digest, data.Length, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow)
                {
                    Labels = new Dictionary<string, string>(labels ?? new Dictionary<string, string>()),
                });
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
