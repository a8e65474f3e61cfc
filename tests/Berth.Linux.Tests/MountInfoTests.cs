namespace Berth.Linux.Tests;

public sealed class MountInfoTests
{
    [Theory]
    [InlineData(@"/var/lib/with\040space", "/var/lib/with space")]
    [InlineData(@"/plain", "/plain")]
    [InlineData(@"/tab\011and\134slash", "/tab\tand\\slash")]
    [InlineData(@"/short\04", @"/short\04")]
    [InlineData(@"/not\089octal", @"/not\089octal")]
    public void Unescape_OctalEscapesOfMountinfo_AreDecoded(string field, string expected)
        => Assert.Equal(expected, MountInfo.Unescape(field));

    [Fact]
    public void IsMountPoint_ProcIsOneAndAFolderInsideItIsNot()
    {
        Assert.True(MountInfo.IsMountPoint("/proc"));
        Assert.False(MountInfo.IsMountPoint("/proc/self/fd"));
    }
}
