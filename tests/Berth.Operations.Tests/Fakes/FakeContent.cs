using System.Runtime.CompilerServices;
using Berth.Client;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Operations.Tests.Fakes;

internal sealed class FakeContent : IContentClient
{
    private readonly Dictionary<Digest, (byte[] Data, IReadOnlyDictionary<string, string> Labels)> _blobs = [];

    public Digest Add(byte[] data, IReadOnlyDictionary<string, string>? labels = null)
    {
        var digest = Digest.Sha256(data);
        _blobs[digest] = (data, labels ?? new Dictionary<string, string>());
        return digest;
    }

    public ValueTask<IContentReader> OpenReadAsync(Digest digest, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IContentReader>(new Reader(Get(digest).Data));

    public ValueTask<ContentInfo> InfoAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        var (data, labels) = Get(digest);
        return ValueTask.FromResult(new ContentInfo(digest, data.Length, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch) { Labels = labels });
    }

    public ValueTask<ContentInfo> UpdateAsync(ContentInfo info, IReadOnlyList<string>? fieldPaths = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public async IAsyncEnumerable<ContentInfo> WalkAsync(IReadOnlyList<string>? filters = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var digest in _blobs.Keys.ToList())
        {
            yield return await InfoAsync(digest, cancellationToken);
        }
    }

    public ValueTask DeleteAsync(Digest digest, CancellationToken cancellationToken = default)
        => _blobs.Remove(digest) ? ValueTask.CompletedTask : throw new NotFoundException($"content digest {digest}: not found");

    private (byte[] Data, IReadOnlyDictionary<string, string> Labels) Get(Digest digest)
        => _blobs.TryGetValue(digest, out var blob) ? blob : throw new NotFoundException($"content digest {digest}: not found");

    private sealed class Reader(byte[] data) : IContentReader
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
