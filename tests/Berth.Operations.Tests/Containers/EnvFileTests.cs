using Berth.Core.Errors;
using Berth.Operations.Containers;

namespace Berth.Operations.Tests.Containers;

/// <summary>What dockerd 20.10's <c>docker run --env-file</c> put in a container's environment for the same lines.</summary>
public sealed class EnvFileTests
{
    [Fact]
    public void Parse_AsDockerReadsIt()
    {
        string[] lines = ["\uFEFFA=1", "# comment", "", "B", "C= spaced ", "  D=lead", "E=x=y", "G", "\tH=tab", "I=", "  # indented comment"];
        var host = new Dictionary<string, string> { ["B"] = "fromhost" };

        var variables = EnvFile.Parse("env1", lines, name => host.GetValueOrDefault(name));

        Assert.Equal(["A=1", "B=fromhost", "C= spaced ", "D=lead", "E=x=y", "H=tab", "I="], variables);
    }

    [Theory]
    [InlineData("export F=2", "invalid env file (f): variable 'export F' contains whitespaces")]
    [InlineData("BAD NAME=1", "invalid env file (f): variable 'BAD NAME' contains whitespaces")]
    [InlineData("=nokey", "invalid env file (f): no variable name on line '=nokey'")]
    public void Parse_Refused_InDockersWords(string line, string message)
        => Assert.Equal(message, Assert.Throws<InvalidArgumentException>(() => EnvFile.Parse("f", [line], _ => null)).Message);

    [Fact]
    public void Read_CarriageReturnsDropped_MissingFileSaysSo()
    {
        string path = Path.Join(Path.GetTempPath(), $"berth-envfile-{Guid.NewGuid():N}");
        File.WriteAllText(path, "K=1\r\nL=2\n");
        try
        {
            Assert.Equal(["K=1", "L=2"], EnvFile.Read(path));
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal($"open {path}: no such file or directory", Assert.Throws<NotFoundException>(() => EnvFile.Read(path)).Message);
    }
}
