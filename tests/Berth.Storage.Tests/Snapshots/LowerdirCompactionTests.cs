using Berth.Linux;
using Berth.Testing.Snapshots;

namespace Berth.Storage.Tests.Snapshots;

/// <summary>The test mount helper must compact as containerd's mount package does (mount_linux_test.go).</summary>
public sealed class LowerdirCompactionTests
{
    [Theory]
    [InlineData(new[] { "workdir=a" }, null, new[] { "workdir=a" })]
    [InlineData(new[] { "workdir=a", "lowerdir=b" }, null, new[] { "workdir=a", "lowerdir=b" })]
    [InlineData(new[] { "lowerdir=/snapshots/1/fs:/snapshots/10/fs" }, "/snapshots/", new[] { "lowerdir=1/fs:10/fs" })]
    [InlineData(new[] { "lowerdir=/snapshots/1/fs:/snapshots/10/fs:/snapshots/2/fs" }, "/snapshots/", new[] { "lowerdir=1/fs:10/fs:2/fs" })]
    [InlineData(new[] { "lowerdir=/snapshots/1/fs:/other_snapshots/1/fs" }, null, new[] { "lowerdir=/snapshots/1/fs:/other_snapshots/1/fs" })]
    [InlineData(new[] { "index=off", "lowerdir=/r/s/12/fs:/r/s/13/fs", "upperdir=/r/s/14/fs" }, "/r/s/",
        new[] { "index=off", "upperdir=/r/s/14/fs", "lowerdir=12/fs:13/fs" })]
    public void Compact_Options_MatchContainerd(string[] options, string? workingDirectory, string[] expected)
    {
        var (folder, compacted) = LowerdirCompaction.Compact(options);

        Assert.Equal(workingDirectory, folder);
        Assert.Equal(expected, compacted);
    }

    [Fact]
    public void Parse_BindReadOnly_SplitsFlagsFromData()
    {
        var (flags, data) = MountOptionParser.Parse(["ro", "rbind", "index=off", "lowerdir=/a:/b"]);

        Assert.Equal(MountFlags.ReadOnly | MountFlags.Bind | MountFlags.Recursive, flags);
        Assert.Equal("index=off,lowerdir=/a:/b", data);
        Assert.Equal((MountFlags.None, (string?)null), MountOptionParser.Parse(["ro", "rw"]));
    }
}
