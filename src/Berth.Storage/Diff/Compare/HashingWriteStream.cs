using System.Security.Cryptography;
using Berth.Core.IO;
using Berth.Oci;

namespace Berth.Storage.Diff.Compare;

/// <summary>Passes writes on to <paramref name="inner"/> and hashes them: the uncompressed digest of a layer being written.</summary>
internal sealed class HashingWriteStream(Stream inner) : ForwardWriteStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Written { get; private set; }

    public Digest Digest() => Oci.Digest.FromSha256Hash(_hash.GetHashAndReset());

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _hash.AppendData(buffer.Span);
        Written += buffer.Length;
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override void Flush() => inner.Flush();
    public override long Length => Written;
    public override long Position { get => Written; set => throw new NotSupportedException(); }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
