using Berth.Operations.Containers.Files;
using Berth.Operations.Output;

namespace Berth.Operations.Tests.Containers.Files;

/// <summary>`CONTAINER:PATH` against a local path, as docker's client tells them apart.</summary>
public sealed class CopyArgumentTests
{
    [Theory]
    [InlineData("c1:/etc/hosts", "c1", "/etc/hosts")]
    [InlineData("c1:etc", "c1", "etc")]
    [InlineData("c1:", "c1", "")]
    [InlineData("/abs/with:colon", null, "/abs/with:colon")]
    [InlineData("./rel:colon", null, "./rel:colon")]
    [InlineData("plain", null, "plain")]
    [InlineData("-", null, "-")]
    public void Parse_Argument_SplitsAtTheFirstColon(string argument, string? container, string path)
        => Assert.Equal(new CopyArgument(container, path), CopyArgument.Parse(argument));

    [Theory]
    [InlineData("a", "b", "must specify at least one container source")]
    [InlineData("c1:/a", "c2:/b", "copying between containers is not supported")]
    public void ParsePair_WrongSides_AreRefused(string source, string destination, string message)
        => Assert.Equal(message, Assert.Throws<ClientException>(() => CopyArgument.ParsePair(source, destination)).Message);

    [Fact]
    public void IsStream_Dash_OnlyWhenLocal()
        => Assert.Equal((true, false), (CopyArgument.Parse("-").IsStream, CopyArgument.Parse("c1:-").IsStream));
}
