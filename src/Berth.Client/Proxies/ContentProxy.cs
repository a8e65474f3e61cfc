using System.Runtime.CompilerServices;
using Berth.Core.Content;
using Berth.Oci;
using Containerd.Services.Content.V1;
using Google.Protobuf.WellKnownTypes;
using Rpc = Containerd.Services.Content.V1.Content;

namespace Berth.Client.Proxies;

/// <summary><see cref="IContentClient"/> over containerd's Content service.</summary>
internal sealed class ContentProxy(Rpc.ContentClient client) : IContentClient
{
    public async ValueTask<IContentReader> OpenReadAsync(Digest digest, CancellationToken cancellationToken = default)
        => new Reader(client, digest, (await InfoAsync(digest, cancellationToken).ConfigureAwait(false)).Size);

    public async ValueTask<ContentInfo> InfoAsync(Digest digest, CancellationToken cancellationToken = default)
        => (await client.InfoAsync(new InfoRequest { Digest = digest.ToString() }, cancellationToken: cancellationToken).ConfigureAwait(false))
            .Info.ToCore();

    public async ValueTask<ContentInfo> UpdateAsync(ContentInfo info, IReadOnlyList<string>? fieldPaths = null, CancellationToken cancellationToken = default)
    {
        var request = new UpdateRequest { Info = Info.FromCore(info) };
        if (fieldPaths is { Count: > 0 })
        {
            request.UpdateMask = new FieldMask();
            request.UpdateMask.Paths.Add(fieldPaths);
        }

        return (await client.UpdateAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false)).Info.ToCore();
    }

    public async IAsyncEnumerable<ContentInfo> WalkAsync(IReadOnlyList<string>? filters = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new ListContentRequest();
        request.Filters.Add(filters ?? []);
        using var call = client.List(request, cancellationToken: cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            foreach (var info in call.ResponseStream.Current.Info)
            {
                yield return info.ToCore();
            }
        }
    }

    public async ValueTask DeleteAsync(Digest digest, CancellationToken cancellationToken = default)
        => await client.DeleteAsync(new DeleteContentRequest { Digest = digest.ToString() }, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Each read is one Read call for the range asked, so small blobs cost one round trip.</summary>
    private sealed class Reader(Rpc.ContentClient client, Digest digest, long size) : IContentReader
    {
        public long Size => size;

        public async ValueTask<int> ReadAtAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken = default)
        {
            int wanted = (int)Math.Min(buffer.Length, Math.Max(0, size - offset));
            if (wanted == 0)
            {
                return 0;
            }

            int total = 0;
            var request = new ReadContentRequest { Digest = digest.ToString(), Offset = offset, Size = wanted };
            using var call = client.Read(request, cancellationToken: cancellationToken);
            while (total < wanted && await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                var data = call.ResponseStream.Current.Data.Span;
                int take = Math.Min(data.Length, wanted - total);
                data[..take].CopyTo(buffer.Span[total..]);
                total += take;
            }

            return total;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
