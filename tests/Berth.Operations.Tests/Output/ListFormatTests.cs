using Berth.Operations.Output;

namespace Berth.Operations.Tests.Output;

public sealed class ListFormatTests
{
    private static readonly Dictionary<string, string> Headers = new() { ["ID"] = "IMAGE ID", ["Repository"] = "REPOSITORY", ["Tag"] = "TAG" };

    private static readonly Dictionary<string, string>[] Rows =
    [
        new() { ["ID"] = "0123456789ab", ["Repository"] = "busybox", ["Tag"] = "latest" },
        new() { ["ID"] = "ba9876543210", ["Repository"] = "127.0.0.1:5000/test/app", ["Tag"] = "<none>" },
    ];

    [Fact]
    public void Render_Default_IsTheTableWithHeaders()
        => Assert.Equal(
            "REPOSITORY                TAG       IMAGE ID\n" +
            "busybox                   latest    0123456789ab\n" +
            "127.0.0.1:5000/test/app   <none>    ba9876543210\n",
            new ListFormat(null, "{{.Repository}}\\t{{.Tag}}\\t{{.ID}}", Headers).Render(Rows));

    [Fact]
    public void Render_TablePrefix_HeaderFromTheTemplate()
        => Assert.Equal("REPOSITORY:TAG\nbusybox:latest\n127.0.0.1:5000/test/app:<none>\n",
            new ListFormat("table {{.Repository}}:{{.Tag}}", "{{.ID}}", Headers).Render(Rows));

    [Fact]
    public void Render_NoRows_TableStillHasItsHeader()
        => Assert.Equal("IMAGE ID\n", new ListFormat("", "{{.ID}}", Headers).Render([]));

    [Fact]
    public void Render_Json_OneObjectPerLine()
        => Assert.Equal(
            "{\"ID\":\"0123456789ab\",\"Repository\":\"busybox\",\"Tag\":\"latest\"}\n" +
            "{\"ID\":\"ba9876543210\",\"Repository\":\"127.0.0.1:5000/test/app\",\"Tag\":\"\\u003cnone\\u003e\"}\n",
            new ListFormat("json", "{{.ID}}", Headers).Render(Rows));

    [Fact]
    public void Render_BareTemplate_NotAligned()
        => Assert.Equal("busybox\tlatest\n127.0.0.1:5000/test/app\t<none>\n",
            new ListFormat("{{.Repository}}\\t{{.Tag}}", "{{.ID}}", Headers).Render(Rows));
}
