using Berth.Core.IO;

namespace Berth.Operations.Containers.Files;

/// <summary>Passes writes on and counts their bytes: docker's "Successfully copied" line gives the tar's size.</summary>
internal sealed class CountingStream(Stream inner) : ForwardWriteStream
{
    public long Count { get; private set; }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken);
        Count += buffer.Length;
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
