using Berth.Core.Errors;
using Berth.Operations.Containers;

namespace Berth.Operations.Tests.Containers;

public sealed class ContainerNameTests
{
    [Theory]
    [InlineData("ab", "ab")]
    [InlineData("a.b-c_d", "a.b-c_d")]
    [InlineData("/abc", "abc")]
    [InlineData("9lives", "9lives")]
    public void Validate_Accepted(string name, string stored) => Assert.Equal(stored, ContainerName.Validate(name));

    [Theory]
    [InlineData("x")]
    [InlineData("a b")]
    [InlineData("-x")]
    [InlineData("_x")]
    [InlineData(".x")]
    [InlineData("a/b")]
    [InlineData("a:b")]
    [InlineData("é")]
    [InlineData("")]
    public void Validate_Refused_InDockerdsWords(string name)
        => Assert.Equal($"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
            Assert.Throws<InvalidArgumentException>(() => ContainerName.Validate(name)).Message);
}
