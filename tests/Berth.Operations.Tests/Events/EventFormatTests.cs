using Berth.Core.Engine;
using Berth.Operations.Events;
using Berth.Operations.Output;

namespace Berth.Operations.Tests.Events;

public sealed class EventFormatTests
{
    private const long Nano = 1796016500502338700;

    private static readonly EngineEvent Create = new(EngineEventTypes.Container, "create", "f989",
        new Dictionary<string, string> { ["zz"] = "1", ["name"] = "foo", ["image"] = "bb:1", ["aa"] = "2" }, Nano);

    private static readonly EngineEvent VolumeCreate = new(EngineEventTypes.Volume, "create", "vv", new Dictionary<string, string> { ["driver"] = "local" }, Nano);

    [Fact]
    public void Render_Default_IsDockersLineWithSortedAttributes()
    {
        string line = EventFormat.Parse(null).Render(Create);

        Assert.EndsWith(" container create f989 (aa=2, image=bb:1, name=foo, zz=1)", line, StringComparison.Ordinal);
        Assert.StartsWith(EventFormat.Timestamp(Create.Time) + " ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamp_IsRfc3339WithNineDigitsInTheLocalZone()
    {
        string stamp = EventFormat.Timestamp(Create.Time);
        var local = TimeZoneInfo.ConvertTime(Create.Time, TimeZoneInfo.Local);

        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.502338700(Z|[+-]\d\d:\d\d)$", stamp);
        Assert.Equal(local.Hour, int.Parse(stamp[11..13], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("{{json .}}")]
    public void Render_Json_IsDockersMessage(string format)
    {
        Assert.Equal(
            "{\"status\":\"create\",\"id\":\"f989\",\"from\":\"bb:1\",\"Type\":\"container\",\"Action\":\"create\",\"Actor\":{\"ID\":\"f989\",\"Attributes\":" +
            "{\"aa\":\"2\",\"image\":\"bb:1\",\"name\":\"foo\",\"zz\":\"1\"}},\"scope\":\"local\",\"time\":1796016500,\"timeNano\":1796016500502338700}",
            EventFormat.Parse(format).Render(Create));
        Assert.Equal(
            "{\"Type\":\"volume\",\"Action\":\"create\",\"Actor\":{\"ID\":\"vv\",\"Attributes\":{\"driver\":\"local\"}},\"scope\":\"local\",\"time\":1796016500,\"timeNano\":1796016500502338700}",
            EventFormat.Parse(format).Render(VolumeCreate));
    }

    [Fact]
    public void Render_Template_SeesDockersFields_MissingAttributesHaveNoValue()
    {
        var format = EventFormat.Parse("{{.Time}} {{.TimeNano}} {{.Status}} {{.ID}} {{.From}} {{.Scope}} {{.Type}} {{.Action}} {{.Actor.ID}} {{.Actor.Attributes.name}} {{.Actor.Attributes}}");

        Assert.Equal("1796016500 1796016500502338700 create f989 bb:1 local container create f989 foo map[aa:2 image:bb:1 name:foo zz:1]", format.Render(Create));
        Assert.Equal("1796016500 1796016500502338700    local volume create vv <no value> map[driver:local]", format.Render(VolumeCreate));
    }

    [Fact]
    public void Parse_BadTemplate_FailsWithDockersWordsAndExitCode()
    {
        var error = Assert.Throws<ClientException>(() => EventFormat.Parse("{{.Type"));

        Assert.StartsWith("Error parsing format: template: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(64, error.ExitCode);
    }
}
