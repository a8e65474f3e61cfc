using System.Runtime.CompilerServices;
using Berth.Client;
using Berth.Core.Transfer;

namespace Berth.Operations.Tests.Fakes;

/// <summary>Records exports (and writes <see cref="ExportBytes"/>); answers imports with <see cref="ImportProgress"/>, after reading the input.</summary>
internal sealed class FakeArchives : IImageArchiveClient
{
    public List<ImageExportRequest> Exports { get; } = [];

    public byte[] ExportBytes { get; set; } = "archive"u8.ToArray();

    public List<(ImageImportRequest Request, byte[] Input)> Imports { get; } = [];

    public List<TransferProgress> ImportProgress { get; } = [];

    public async ValueTask ExportAsync(ImageExportRequest request, Stream destination, CancellationToken cancellationToken = default)
    {
        Exports.Add(request);
        await destination.WriteAsync(ExportBytes, cancellationToken);
    }

    public async IAsyncEnumerable<TransferProgress> ImportAsync(ImageImportRequest request, Stream source,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var input = new MemoryStream();
        await source.CopyToAsync(input, cancellationToken);
        Imports.Add((request, input.ToArray()));
        foreach (var progress in ImportProgress)
        {
            yield return progress;
        }
    }
}
