using System.Formats.Tar;
using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Testing;

namespace Berth.Operations.Tests.Fakes;

/// <summary>A container's files as a local folder (<see cref="Root"/>); copies in are recorded as their requests and tars.</summary>
internal sealed class FakeFiles : IContainerFilesClient, IDisposable
{
    // Made on first use: most tests' clients never touch files.
    private TempDirectory? _root;

    public string Root => (_root ??= new TempDirectory("fake-container")).Path;

    public List<(string Container, ContainerCopyTo Request, byte[] Tar)> CopiedIn { get; } = [];

    public byte[] ExportBytes { get; set; } = [1, 2, 3];

    public Exception? ExportFailure { get; set; }

    public void Dispose() => _root?.Dispose();

    public ValueTask<ContainerPathStat> StatPathAsync(string container, string path, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(Host(path));
        bool folder = Directory.Exists(info.FullName) && info.LinkTarget is null;
        if (!info.Exists && !folder && info.LinkTarget is null)
        {
            throw new NotFoundException($"Could not find the file {path} in container {container}");
        }

        int type = info.LinkTarget is not null ? 0xA000 : folder ? 0x4000 : 0x8000;
        string link = info.LinkTarget is { } target ? (target.StartsWith('/') ? target : Path.Join(Path.GetDirectoryName(path.TrimEnd('/')), target)) : string.Empty;
        return ValueTask.FromResult(new ContainerPathStat(Path.GetFileName(path.TrimEnd('/')), folder ? 4096 : info.LinkTarget is null ? info.Length : 0,
            type | (int)File.GetUnixFileMode(info.FullName), info.LastWriteTimeUtc, link));
    }

    public async ValueTask CopyFromAsync(string container, string path, Stream destination, CancellationToken cancellationToken = default)
    {
        await using var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        string name = path.EndsWith("/.", StringComparison.Ordinal) ? "." : Path.GetFileName(path.TrimEnd('/'));
        await AddAsync(writer, Host(path), name, cancellationToken);
    }

    public async ValueTask CopyToAsync(string container, ContainerCopyTo request, Stream source, CancellationToken cancellationToken = default)
    {
        using var copy = new MemoryStream();
        await source.CopyToAsync(copy, cancellationToken);
        CopiedIn.Add((container, request, copy.ToArray()));
    }

    public async ValueTask ExportAsync(string container, Stream destination, CancellationToken cancellationToken = default)
    {
        await destination.WriteAsync(ExportBytes, cancellationToken);
        if (ExportFailure is { } failure)
        {
            throw failure;
        }
    }

    private string Host(string path) => Path.Join(Root, path);

    private static async Task AddAsync(TarWriter writer, string path, string name, CancellationToken cancellationToken)
    {
        bool folder = Directory.Exists(path) && new FileInfo(path).LinkTarget is null;
        await writer.WriteEntryAsync(path, folder ? name + "/" : name, cancellationToken);
        if (folder)
        {
            foreach (string child in Directory.EnumerateFileSystemEntries(path).Order(StringComparer.Ordinal))
            {
                await AddAsync(writer, child, name + "/" + Path.GetFileName(child), cancellationToken);
            }
        }
    }
}
