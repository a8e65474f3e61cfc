using System.Formats.Tar;
using System.Text;
using Berth.Storage.Diff.Apply;
using Berth.Storage.Diff.Tar;

namespace Berth.Storage.Tests.Diff;

public sealed class TarFormatTests
{
    [Theory]
    [InlineData("a/b/c", "a/b/c")]
    [InlineData("/abs/path", "abs/path")]
    [InlineData("./dot/./x/", "dot/x")]
    [InlineData("a/../b", "b")]
    [InlineData("./", "")]
    public void TryClean_InsideRoot_GivesTheComponents(string name, string expected)
    {
        Assert.True(EntryPath.TryClean(name, out var parts));
        Assert.Equal(expected, EntryPath.Join(parts));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("/../etc/passwd")]
    [InlineData("..")]
    public void TryClean_ClimbingOut_IsFalse(string name)
    {
        Assert.False(EntryPath.TryClean(name, out _));
    }

    [Fact]
    public async Task LayerTarWriter_BinaryXattrsAndLongNames_ReadBackExactlyThroughTheTap()
    {
        byte[] capability = [0x01, 0x00, 0x00, 0x02, 0xff, 0x80, 0x0a, 0x00, 0xc3];
        string longName = string.Join('/', Enumerable.Repeat("ünïcode-folder", 10)) + "/file";
        var xattrs = new SortedDictionary<string, byte[]>(StringComparer.Ordinal) { ["security.capability"] = capability, ["user.a"] = "b"u8.ToArray() };
        var output = new MemoryStream();
        var writer = new LayerTarWriter(output);
        await writer.WriteAsync(new LayerTarHeader(longName, LayerTarHeader.RegularType, 0x9ed, 3_000_000, 7, 5, 1_600_000_000) { Xattrs = xattrs },
            new MemoryStream("hello"u8.ToArray()), TestContext.Current.CancellationToken);
        await writer.WriteAsync(new LayerTarHeader("plain", LayerTarHeader.SymlinkType, 0x1ff, 0, 0, 0, 0) { LinkName = "target" }, null,
            TestContext.Current.CancellationToken);
        await writer.FinishAsync(TestContext.Current.CancellationToken);

        using var tap = new TarStreamTap(new MemoryStream(output.ToArray()));
        using var reader = new TarReader(tap);
        var entry = reader.GetNextEntry()!;
        var read = TarEntryXattrs.Read(entry, tap.XattrsFor(0));
        string content = new StreamReader(entry.DataStream!).ReadToEnd();
        var link = reader.GetNextEntry()!;

        Assert.Equal((longName, 3_000_000, (UnixFileMode)0x9ed), (entry.Name, entry.Uid, entry.Mode));
        Assert.Equal("hello", content);
        Assert.Equal(capability, read["security.capability"]);
        Assert.Equal("b"u8.ToArray(), read["user.a"]);
        Assert.Equal(("plain", "target"), (link.Name, link.LinkName));
        Assert.Empty(TarEntryXattrs.Read(link, tap.XattrsFor(1)));
        Assert.Null(reader.GetNextEntry());
    }

    [Fact]
    public void TarEntryXattrs_LibarchiveRecords_AreDecoded()
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, "f", new Dictionary<string, string>
        {
            ["LIBARCHIVE.xattr.user.with%20space"] = Convert.ToBase64String("value"u8.ToArray()).TrimEnd('='),
        });

        var xattrs = TarEntryXattrs.Read(entry, raw: null);

        Assert.Equal("value", Encoding.UTF8.GetString(xattrs["user.with space"]));
    }

    [Fact]
    public void PaxRecords_AppendThenParse_RoundTripsRawBytes()
    {
        var data = new List<byte>();
        PaxRecords.Append(data, "SCHILY.xattr.security.capability", [0x80, 0x0a, 0x20, 0x3d]);
        PaxRecords.Append(data, "path", Encoding.UTF8.GetBytes(new string('x', 95)));

        Assert.True(PaxRecords.TryParse(data.ToArray(), out var records));
        Assert.Equal([0x80, 0x0a, 0x20, 0x3d], records["SCHILY.xattr.security.capability"]);
        Assert.Equal(95, records["path"].Length);
        Assert.StartsWith("105 path=", Encoding.ASCII.GetString(data.ToArray()[^105..]), StringComparison.Ordinal);
    }
}
