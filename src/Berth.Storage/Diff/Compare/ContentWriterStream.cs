using Berth.Core.Content;
using Berth.Core.IO;

namespace Berth.Storage.Diff.Compare;

/// <summary>A write-only stream into a content store ingest.</summary>
internal sealed class ContentWriterStream(IContentWriter writer) : ForwardWriteStream
{
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!buffer.IsEmpty)
        {
            await writer.WriteAsync(buffer, cancellationToken);
        }
    }

}
