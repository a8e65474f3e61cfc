using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Containers.Changes;

namespace Berth.Operations.Tests.Containers.Changes;

/// <summary>docker commit's --change read as dockerd reads it (each case checked against dockerd 20.10's answer).</summary>
public sealed class ConfigChangeParserTests
{
    [Theory]
    [InlineData("CMD [\"cat\",\"/etc/x\"]", new[] { "cat", "/etc/x" })]
    [InlineData("cmd echo hi there", new[] { "/bin/sh", "-c", "echo hi there" })]
    [InlineData("CMD", new[] { "/bin/sh", "-c" })]
    [InlineData("CMD [\"a\"", new[] { "/bin/sh", "-c", "[\"a\"" })]
    public void Parse_Cmd_ExecOrShellForm(string text, string[] expected)
    {
        var change = ConfigChangeParser.Parse(text);

        Assert.Equal(ConfigInstruction.Cmd, change.Instruction);
        Assert.Equal(expected, change.Values);
    }

    [Fact]
    public void Parse_JsonArrayOfNonStrings_IsRefusedInDockerdsWords()
    {
        var error = Assert.Throws<InvalidArgumentException>(() => ConfigChangeParser.Parse("CMD [\"a\", 1]"));

        Assert.Equal("when using JSON array syntax, arrays must be comprised of strings only", error.Message);
    }

    [Theory]
    [InlineData("ENV BAR=2", new[] { "BAR=2" })]
    [InlineData("ENV A 1 2", new[] { "A=1 2" })]
    [InlineData("ENV A=1 B=\"x y\" C=a\\ b", new[] { "A=1", "B=x y", "C=a b" })]
    public void Parse_Env_PairsOrOldForm(string text, string[] expected)
        => Assert.Equal(expected, ConfigChangeParser.Parse(text).Values);

    [Fact]
    public void Parse_Label_QuotedKeys()
        => Assert.Equal(["a=b", "c d=e"], ConfigChangeParser.Parse("LABEL a=b \"c d\"=e").Values);

    [Fact]
    public void Parse_Expose_DefaultsToTcpAndExpandsRanges()
        => Assert.Equal(["80/tcp", "90/udp", "7000/tcp", "7001/tcp"], ConfigChangeParser.Parse("EXPOSE 80 90/UDP 7000-7001").Values);

    [Theory]
    [InlineData("VOLUME /v1 /v2", new[] { "/v1", "/v2" })]
    [InlineData("VOLUME [\"/v1\", \"/v 2\"]", new[] { "/v1", "/v 2" })]
    public void Parse_Volume_WordsOrJson(string text, string[] expected)
        => Assert.Equal(expected, ConfigChangeParser.Parse(text).Values);

    [Theory]
    [InlineData("USER nobody", ConfigInstruction.User, "nobody")]
    [InlineData("WORKDIR /a b", ConfigInstruction.Workdir, "/a b")]
    [InlineData("STOPSIGNAL SIGINT", ConfigInstruction.StopSignal, "SIGINT")]
    [InlineData("entrypoint [\"/bin/app\"]", ConfigInstruction.Entrypoint, "/bin/app")]
    public void Parse_SingleValues(string text, ConfigInstruction instruction, string value)
    {
        var change = ConfigChangeParser.Parse(text);

        Assert.Equal(instruction, change.Instruction);
        Assert.Equal(value, Assert.Single(change.Values));
    }

    [Theory]
    [InlineData("FOO bar", "foo is not a valid change command")]
    [InlineData("RUN echo", "run is not a valid change command")]
    [InlineData("USER", "USER requires exactly one argument")]
    [InlineData("ENV", "ENV requires at least one argument")]
    [InlineData("ENV A", "ENV must have two arguments")]
    [InlineData("EXPOSE abc", "Invalid containerPort: abc")]
    [InlineData("EXPOSE 80/xyz", "Invalid containerPort: 80/xyz")]
    public void Parse_Refusals_AreDockerdsWords(string text, string message)
        => Assert.Equal(message, Assert.Throws<InvalidArgumentException>(() => ConfigChangeParser.Parse(text)).Message);
}
