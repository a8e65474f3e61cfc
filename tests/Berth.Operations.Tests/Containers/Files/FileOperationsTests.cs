using System.Formats.Tar;
using Berth.Core.Errors;
using Berth.Operations.Containers.Files;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;
using Berth.Testing;

namespace Berth.Operations.Tests.Containers.Files;

/// <summary>`cp` and `export` on the client's side: the plan applied to the tars going each way, and what export writes.</summary>
public sealed class FileOperationsTests : IDisposable
{
    private readonly FakeBerthClient _client = new();
    private readonly TempDirectory _local = new("cp-local");
    private readonly StringWriter _stderr = new();

    public void Dispose()
    {
        _client.FilesFake.Dispose();
        _local.Dispose();
    }

    [Fact]
    public async Task Copy_FolderOutToNewName_UnpacksUnderThatNameWithModes()
    {
        Directory.CreateDirectory(Path.Join(_client.FilesFake.Root, "data", "sub"));
        string secret = Path.Join(_client.FilesFake.Root, "data", "sub", "secret");
        File.WriteAllText(secret, "s");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.CreateSymbolicLink(Path.Join(_client.FilesFake.Root, "data", "link"), "sub/secret");

        await CopyAsync("c1:/data", _local.Combine("copy"));

        Assert.Equal("s", File.ReadAllText(_local.Combine("copy", "sub", "secret")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_local.Combine("copy", "sub", "secret")));
        Assert.Equal("sub/secret", new FileInfo(_local.Combine("copy", "link")).LinkTarget);
    }

    [Fact]
    public async Task Copy_ContentsOutIntoExistingFolder_MergesThem()
    {
        Directory.CreateDirectory(Path.Join(_client.FilesFake.Root, "data"));
        File.WriteAllText(Path.Join(_client.FilesFake.Root, "data", "a"), "a");
        File.WriteAllText(_local.Combine("kept"), "k");

        await CopyAsync("c1:/data/.", _local.Path);

        Assert.Equal(("a", "k"), (File.ReadAllText(_local.Combine("a")), File.ReadAllText(_local.Combine("kept"))));
    }

    [Fact]
    public async Task Copy_FolderIn_SendsItsTreeToTheParentUnderTheNewName()
    {
        Directory.CreateDirectory(Path.Join(_client.FilesFake.Root, "existing"));
        Directory.CreateDirectory(_local.Combine("dir", "sub"));
        File.WriteAllText(_local.Combine("dir", "sub", "b"), "b");

        await CopyAsync(_local.Combine("dir"), "c1:/new", archive: true);
        await CopyAsync(_local.Combine("dir"), "c1:/existing");

        Assert.Equal([("/", true, "new/", "new/sub/", "new/sub/b"), ("/existing", false, "dir/", "dir/sub/", "dir/sub/b")],
            _client.FilesFake.CopiedIn.Select(c => Summary(c.Request.Path, c.Request.CopyOwnerFromUser, c.Tar)));
    }

    [Fact]
    public async Task Copy_TarFromStdinToAFile_IsRefused()
    {
        File.WriteAllText(Path.Join(_client.FilesFake.Root, "file"), "f");

        var error = await Assert.ThrowsAsync<ClientException>(() => CopyAsync("-", "c1:/file"));

        Assert.Equal("destination \"c1:/file\" must be a directory", error.Message);
    }

    [Fact]
    public async Task Copy_MissingSource_IsTheDaemonsNotFound()
        => Assert.Equal("Could not find the file /nope in container c1",
            (await Assert.ThrowsAsync<NotFoundException>(() => CopyAsync("c1:/nope", _local.Combine("x")))).Message);

    [Fact]
    public async Task Export_ToTerminal_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ClientException>(() => FileOperations.ExportAsync(_client,
            new ContainerExportOptions { Container = "c1", Stdout = Stream.Null, StdoutIsTerminal = true }, CancellationToken.None));

        Assert.Equal("cowardly refusing to save to a terminal. Use the -o flag or redirect", error.Message);
    }

    [Fact]
    public async Task Export_ToFileThatFails_LeavesNoFile()
    {
        _client.FilesFake.ExportFailure = new UnavailableException("gone");
        var options = new ContainerExportOptions { Container = "c1", Output = _local.Combine("out.tar"), Stdout = Stream.Null };

        await Assert.ThrowsAsync<UnavailableException>(() => FileOperations.ExportAsync(_client, options, CancellationToken.None));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_local.Path));
    }

    [Fact]
    public async Task Export_ToFile_WritesTheDaemonsTar()
    {
        await FileOperations.ExportAsync(_client, new ContainerExportOptions { Container = "c1", Output = _local.Combine("out.tar"), Stdout = Stream.Null },
            CancellationToken.None);

        Assert.Equal([1, 2, 3], File.ReadAllBytes(_local.Combine("out.tar")));
    }

    private Task CopyAsync(string source, string destination, bool archive = false)
        => FileOperations.CopyAsync(_client, new ContainerCopyOptions
        {
            Source = source, Destination = destination, Archive = archive, Stdin = Stream.Null, Stdout = Stream.Null, Stderr = _stderr,
        }, CancellationToken.None);

    private static (string, bool, string, string, string) Summary(string folder, bool owner, byte[] tar)
    {
        using var reader = new TarReader(new MemoryStream(tar));
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        return (folder, owner, names[0], names[1], names[2]);
    }
}
