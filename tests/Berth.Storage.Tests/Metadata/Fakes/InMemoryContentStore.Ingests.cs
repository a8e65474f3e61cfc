using System.Runtime.CompilerServices;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Filters;
using Berth.Oci;

namespace Berth.Storage.Tests.Metadata.Fakes;

public sealed partial class InMemoryContentStore
{
    public ValueTask<IContentWriter> OpenWriterAsync(ContentWriterOptions options, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (options.ExpectedDigest is { } expected && _blobs.ContainsKey(expected))
            {
                throw new AlreadyExistsException($"content {expected} already exists");
            }

            if (!_ingests.TryGetValue(options.Ref, out var ingest))
            {
                var now = _time.GetUtcNow();
                ingest = new Ingest(options.Ref, options.ExpectedSize, options.ExpectedDigest, now) { UpdatedAt = now };
                _ingests.Add(options.Ref, ingest);
            }

            if (ingest.Locked)
            {
                throw new UnavailableException($"ref {options.Ref} is locked by another writer");
            }

            ingest.Locked = true;
            return ValueTask.FromResult<IContentWriter>(new Writer(this, ingest));
        }
    }

    public ValueTask<ContentStatus> StatusAsync(string reference, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return _ingests.TryGetValue(reference, out var ingest)
                ? ValueTask.FromResult(ingest.Status())
                : throw new NotFoundException($"ingest {reference} not found");
        }
    }

    public async IAsyncEnumerable<ContentStatus> ListStatusesAsync(IReadOnlyList<string>? filters = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = Filter.Parse(filters);
        List<ContentStatus> statuses;
        lock (_sync)
        {
            statuses = [.. _ingests.Values.Select(i => i.Status())];
        }

        foreach (var status in statuses.Where(s => filter.Match(p => p is ["ref"] ? s.Ref : null)))
        {
            await Task.Yield();
            yield return status;
        }
    }

    public ValueTask AbortAsync(string reference, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return _ingests.Remove(reference) ? ValueTask.CompletedTask : throw new NotFoundException($"ingest {reference} not found");
        }
    }

    /// <summary>Makes an ingest look last written at <paramref name="time"/>.</summary>
    public void SetIngestUpdated(string reference, DateTimeOffset time)
    {
        lock (_sync)
        {
            _ingests[reference].UpdatedAt = time;
        }
    }

    private sealed class Ingest(string reference, long total, Digest? expected, DateTimeOffset started)
    {
        public MemoryStream Data { get; } = new();
        public bool Locked { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public string Ref => reference;
        public ContentStatus Status() => new(reference, Data.Length, total, expected, started, UpdatedAt);
    }

    private sealed class Writer(InMemoryContentStore store, Ingest ingest) : IContentWriter
    {
        public string Ref => ingest.Ref;

        public Digest Digest
        {
            get
            {
                lock (store._sync)
                {
                    return Digest.Sha256(ingest.Data.ToArray());
                }
            }
        }

        public ValueTask<ContentStatus> StatusAsync(CancellationToken cancellationToken = default)
        {
            lock (store._sync)
            {
                return ValueTask.FromResult(ingest.Status());
            }
        }

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            lock (store._sync)
            {
                ingest.Data.Write(data.Span);
                ingest.UpdatedAt = store._time.GetUtcNow();
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask TruncateAsync(long size, CancellationToken cancellationToken = default)
        {
            lock (store._sync)
            {
                ingest.Data.SetLength(size);
            }

            return ValueTask.CompletedTask;
        }

        public async ValueTask CommitAsync(long size, Digest? expected, IReadOnlyDictionary<string, string>? labels = null,
            CancellationToken cancellationToken = default)
        {
            Digest digest;
            lock (store._sync)
            {
                var data = ingest.Data.ToArray();
                if (size > 0 && size != data.Length)
                {
                    throw new FailedPreconditionException($"unexpected commit size {data.Length}, expected {size}");
                }

                digest = Digest.Sha256(data);
                if (expected is { } want && want != digest)
                {
                    throw new FailedPreconditionException($"unexpected commit digest {digest}, expected {want}");
                }

                store._ingests.Remove(ingest.Ref);
                if (store._blobs.ContainsKey(digest))
                {
                    throw new AlreadyExistsException($"content {digest} already exists");
                }

                var now = store._time.GetUtcNow();
                store._blobs[digest] = (data, new ContentInfo(digest, data.Length, now, now));
            }

            if (store.AfterCommit is { } hook)
            {
                await hook(digest);
            }
        }

        public ValueTask DisposeAsync()
        {
            lock (store._sync)
            {
                ingest.Locked = false;
            }

            return ValueTask.CompletedTask;
        }
    }
}
