using Berth.Core.Errors;
using Berth.Engine.Files;
using Berth.Linux;
using Berth.Testing;

namespace Berth.Engine.Tests.Files;

/// <summary>Paths resolved inside a container's root: links followed with the root as <c>/</c>, never out of it.</summary>
public sealed class ScopedPathTests : IDisposable
{
    private readonly TempDirectory _root = new("scoped");

    public ScopedPathTests()
    {
        Directory.CreateDirectory(_root.Combine("b", "c"));
        File.CreateSymbolicLink(_root.Combine("abs"), "/b");
        File.CreateSymbolicLink(_root.Combine("up"), "../../../..");
        File.CreateSymbolicLink(_root.Combine("b", "rel"), "c");
        File.CreateSymbolicLink(_root.Combine("loop"), "loop");
    }

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("/abs/c", true, "/b/c")]
    [InlineData("/abs", false, "/abs")]
    [InlineData("/abs", true, "/b")]
    [InlineData("/up/b/rel", true, "/b/c")]
    [InlineData("/up/etc/passwd", true, "/etc/passwd")]
    [InlineData("/../../b/./rel/../c", true, "/b/c")]
    [InlineData("/missing/../b", true, "/b")]
    [InlineData("/", true, "/")]
    public void Resolve_Path_StaysInTheRoot(string path, bool followLast, string expected)
        => Assert.Equal(expected, ScopedPath.Resolve(LinuxSyscalls.Instance, _root.Path, path, followLast));

    [Fact]
    public void Resolve_LinkToItself_IsRefused()
        => Assert.Throws<InvalidArgumentException>(() => ScopedPath.Resolve(LinuxSyscalls.Instance, _root.Path, "/loop/x", followLast: true));
}
