using Berth.Operations.Containers.Files;
using Berth.Operations.Output;

namespace Berth.Operations.Tests.Containers.Files;

/// <summary>docker cp's rules: where a source's tar is unpacked and what its first name becomes.</summary>
public sealed class CopyPlanTests
{
    [Theory]
    [InlineData("/etc/hosts", "/etc", "hosts")]
    [InlineData("/etc/", "/", "etc")]
    [InlineData("/etc/.", "/etc", ".")]
    [InlineData("/", "/", ".")]
    [InlineData("/.", "/", ".")]
    [InlineData("file", ".", "file")]
    [InlineData("a/b", "a", "b")]
    public void Split_Path_GivesFolderAndName(string path, string folder, string name)
        => Assert.Equal((folder, name), CopyPlan.Split(path));

    [Theory]
    // An existing folder: the source goes into it under its own name, or its contents do.
    [InlineData("/src/dir", true, true, true, "/out", "/out", "dir", "dir")]
    [InlineData("/src/dir/.", true, true, true, "/out", "/out", ".", ".")]
    [InlineData("/src/file", false, true, true, "/out/", "/out/", "file", "file")]
    // Nothing there: the source takes the new name in the parent folder.
    [InlineData("/src/dir", true, false, false, "/out/new", "/out", "dir", "new")]
    [InlineData("/src/dir/.", true, false, false, "/out/new", "/out", ".", "new")]
    [InlineData("/src/file", false, false, false, "/out/new", "/out", "file", "new")]
    // A file there: replaced by a file.
    [InlineData("/src/file", false, true, false, "/out/old", "/out", "file", "old")]
    public void Make_Destination_PlansDockersWay(string source, bool sourceIsDirectory, bool exists, bool isDirectory, string destination,
        string folder, string from, string to)
        => Assert.Equal(new CopyPlan(folder, from, to), CopyPlan.Make(source, sourceIsDirectory, null, new CopyDestination(destination, exists, isDirectory)));

    [Fact]
    public void Make_FollowedLinkIntoFolder_KeepsTheLinksName()
        => Assert.Equal(new CopyPlan("/out", "target", "link"), CopyPlan.Make("/src/target", false, "link", new CopyDestination("/out", true, true)));

    [Fact]
    public void Make_FolderOverFile_IsRefused()
        => Assert.Equal("cannot copy directory",
            Assert.Throws<ClientException>(() => CopyPlan.Make("/src/dir", true, null, new CopyDestination("/out/file", true, false))).Message);

    [Theory]
    [InlineData("/out/nodir/")]
    [InlineData("/out/nodir/.")]
    public void Make_FileToMissingFolder_IsRefused(string destination)
        => Assert.Equal("no such directory",
            Assert.Throws<ClientException>(() => CopyPlan.Make("/src/file", false, null, new CopyDestination(destination, false, false))).Message);

    [Theory]
    [InlineData("dir", "new", "dir/", "new")]
    [InlineData("dir", "new", "dir/sub/b", "new/sub/b")]
    [InlineData("dir", "dir", "./dir/a", "dir/a")]
    [InlineData(".", "new", "./", "new")]
    [InlineData(".", "new", "./a/b", "new/a/b")]
    [InlineData(".", ".", "./", null)]
    [InlineData(".", ".", "./a", "a")]
    [InlineData("file", "other", "file", "other")]
    [InlineData("file", "other", "filename", "filename")]
    public void Rename_Entry_ChangesOnlyTheFirstName(string from, string to, string entry, string? expected)
        => Assert.Equal(expected, new CopyPlan("/out", from, to).Rename(entry));
}
