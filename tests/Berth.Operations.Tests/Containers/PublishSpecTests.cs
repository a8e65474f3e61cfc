using Berth.Core.Errors;
using Berth.Operations.Containers;

namespace Berth.Operations.Tests.Containers;

public sealed class PublishSpecTests
{
    [Theory]
    [InlineData("80")]
    [InlineData("8080:80")]
    [InlineData("8080:80/udp")]
    [InlineData("127.0.0.1:8080:80")]
    [InlineData("127.0.0.1::80")]
    [InlineData("[::1]:8080:80/sctp")]
    [InlineData("8000-8010:80-90")]
    public void Check_DockersForms_AreTaken(string spec) => PublishSpec.Check(spec);

    [Theory]
    [InlineData("abc", "invalid containerPort: abc")]
    [InlineData("8080:abc", "invalid containerPort: abc")]
    [InlineData("70000", "invalid containerPort: 70000")]
    [InlineData("abc:80", "invalid hostPort: abc")]
    [InlineData("90-80", "invalid containerPort: 90-80")]
    [InlineData("80/xyz", "invalid proto: xyz")]
    [InlineData("1.2.3:80:80", "invalid IP address: 1.2.3")]
    [InlineData("1:2:3:4", "invalid port specification: \"1:2:3:4\"")]
    public void Check_AWrongForm_IsNamedAndTheFormShown(string spec, string message)
    {
        var refused = Assert.Throws<InvalidArgumentException>(() => PublishSpec.Check(spec));
        Assert.StartsWith(message + ": publish as [ip:][hostPort:]containerPort", refused.Message, StringComparison.Ordinal);
    }
}
