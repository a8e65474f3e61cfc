using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Operations.Images;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;
using Berth.Testing;

namespace Berth.Operations.Tests.Images;

public sealed class ImageArchiveTests
{
    private readonly FakeBerthClient _client = new();
    private readonly StringWriter _stdout = new() { NewLine = "\n" };

    [Fact]
    public async Task Save_ToTerminal_RefusesAsDocker()
    {
        var error = await Assert.ThrowsAsync<ClientException>(() => ImageOperations.SaveAsync(_client,
            new ImageSaveOptions { Images = ["x"], Stdout = new MemoryStream(), StdoutIsTerminal = true }, TestContext.Current.CancellationToken));

        Assert.Equal("cowardly refusing to save to a terminal. Use the -o flag or redirect", error.Message);
        Assert.Empty(_client.ArchiveClient.Exports);
    }

    [Fact]
    public async Task Save_NameAndId_NamedRecordAndUntaggedRecord()
    {
        TestImages.Add(_client, "a", null, [10], ["docker.io/library/busybox:latest"]);
        var other = TestImages.Add(_client, "b", null, [10], ["127.0.0.1:5000/app:v1"]);
        var stdout = new MemoryStream();

        await ImageOperations.SaveAsync(_client, new ImageSaveOptions { Images = ["busybox", other.ConfigDigest.Encoded[..8]], Stdout = stdout, Format = ArchiveFormat.Oci },
            TestContext.Current.CancellationToken);

        var request = Assert.Single(_client.ArchiveClient.Exports);
        Assert.Equal([new ExportedImage("docker.io/library/busybox:latest"), new ExportedImage("127.0.0.1:5000/app:v1", Untagged: true)], request.Images);
        Assert.Equal(ArchiveFormat.Oci, request.Format);
        Assert.Equal("archive"u8.ToArray(), stdout.ToArray());
    }

    [Fact]
    public async Task Save_ToFile_WritesTheArchiveAndNoTemporaryFile()
    {
        TestImages.Add(_client, "a", null, [10], ["docker.io/library/busybox:latest"]);
        using var folder = new TempDirectory("save");
        string path = folder.Combine("out.tar");

        await ImageOperations.SaveAsync(_client, new ImageSaveOptions { Images = ["busybox"], Output = path, Stdout = Stream.Null, StdoutIsTerminal = true },
            TestContext.Current.CancellationToken);

        Assert.Equal("archive"u8.ToArray(), await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task Load_NamedAndUnnamedImages_DockersLines()
    {
        string id = Digest.Sha256("config"u8).ToString();
        _client.ArchiveClient.ImportProgress.AddRange([
            new TransferProgress("abc", TransferStatus.Complete),
            new TransferProgress("docker.io/library/busybox:latest", TransferStatus.Done) { Detail = id },
            new TransferProgress(DanglingNames.For(Digest.Sha256("m"u8)), TransferStatus.Done) { Detail = id },
        ]);

        await ImageOperations.LoadAsync(_client, new ImageLoadOptions { Stdin = new MemoryStream("tar"u8.ToArray()), Stdout = _stdout },
            TestContext.Current.CancellationToken);

        Assert.Equal($"Loaded image: busybox:latest\nLoaded image ID: {id}\n", _stdout.ToString());
        var (request, input) = Assert.Single(_client.ArchiveClient.Imports);
        Assert.Equal((ImportKind.Archive, "tar"), (request.Kind, System.Text.Encoding.ASCII.GetString(input)));
    }

    [Fact]
    public async Task Load_StdinIsTerminal_RefusesAsDocker()
    {
        var error = await Assert.ThrowsAsync<ClientException>(() => ImageOperations.LoadAsync(_client,
            new ImageLoadOptions { Stdin = Stream.Null, StdinIsTerminal = true, Stdout = _stdout }, TestContext.Current.CancellationToken));

        Assert.Equal("requested load from stdin, but stdin is empty", error.Message);
    }

    [Fact]
    public async Task Import_FromStdin_SendsTheChangesAndPrintsTheId()
    {
        string id = Digest.Sha256("config"u8).ToString();
        _client.ArchiveClient.ImportProgress.Add(new TransferProgress("docker.io/library/mine:v1", TransferStatus.Done) { Detail = id });

        await ImageOperations.ImportAsync(_client, new ImageImportOptions
        {
            Source = "-", Reference = "mine:v1", Changes = ["CMD [\"sh\"]"], Message = "hello", Stdin = new MemoryStream("rootfs"u8.ToArray()), Stdout = _stdout,
        }, TestContext.Current.CancellationToken);

        Assert.Equal(id + "\n", _stdout.ToString());
        var (request, _) = Assert.Single(_client.ArchiveClient.Imports);
        Assert.Equal((ImportKind.Rootfs, "mine:v1", "hello", "-"), (request.Kind, request.Reference, request.Message, request.Source));
        Assert.Equal(["CMD [\"sh\"]"], request.Changes);
    }

    [Fact]
    public async Task Import_MissingFile_DockersOpenError()
    {
        var error = await Assert.ThrowsAsync<ClientException>(() => ImageOperations.ImportAsync(_client,
            new ImageImportOptions { Source = "/nonexistent/x.tar", Stdin = Stream.Null, Stdout = _stdout }, TestContext.Current.CancellationToken));

        Assert.Equal("open /nonexistent/x.tar: no such file or directory", error.Message);
    }
}
