using Berth.Core.Errors;
using Berth.Daemon.Config;

namespace Berth.Daemon.Tests;

public sealed class DaemonConfigLoaderTests
{
    [Fact]
    public void Parse_DefaultText_GivesTheDefaults()
        => Assert.Equivalent(new DaemonConfig(), DaemonConfigLoader.Parse(DefaultConfigText.Render(new DaemonConfig()), "default"));

    [Fact]
    public void Parse_ContainerdKeys_OverrideDefaults()
    {
        var config = DaemonConfigLoader.Parse("""
            version = 2
            root = "/srv/berth"
            state = "/run/b"
            snapshotter = "native"
            disabled_plugins = ["io.containerd.snapshotter.v1.overlayfs"]
            [grpc]
              address = "/run/b/b.sock"
              gid = 1001
            [debug]
              level = "debug"
            [plugins."io.containerd.snapshotter.v1.native"]
              root_path = "/fast/native"
            [registry]
              config_path = "/etc/certs.d"
              [registry.hosts."reg.local:5000"]
                insecure = true
                mirrors = ["https://mirror.local"]
            """, "test");

        Assert.Equal("/srv/berth", config.Root);
        Assert.Equal("/run/b", config.State);
        Assert.Equal("native", config.Snapshotter);
        Assert.Equal(["io.containerd.snapshotter.v1.overlayfs"], config.DisabledPlugins);
        Assert.Equal(("/run/b/b.sock", 0, 1001), (config.GrpcAddress, config.GrpcUid, config.GrpcGid));
        Assert.Equal("debug", config.LogLevel);
        Assert.Equal("/fast/native", config.PluginSetting("io.containerd.snapshotter.v1.native", "root_path", "fallback"));
        Assert.Equal("fallback", config.PluginSetting("io.containerd.snapshotter.v1.overlayfs", "root_path", "fallback"));
        Assert.Equal("/etc/certs.d", config.RegistryCertsDirectory);
        var host = config.Registries["reg.local:5000"];
        Assert.True(host.Insecure);
        Assert.Equal(["https://mirror.local"], host.Mirrors);
    }

    [Theory]
    [InlineData("snapshoter = \"native\"", "unknown key \"snapshoter\"")]
    [InlineData("root = 42", "\"root\" must be a string")]
    [InlineData("[grpc]\nuid = \"root\"", "\"uid\" must be an integer")]
    [InlineData("grpc = \"x\"", "\"grpc\" must be a table")]
    [InlineData("root = ", "test(1,8) : error : Unexpected token")]
    [InlineData("[grpc]\naddress = \"/a\"\naddress = \"/b\"", "test(3,1) : error : The key `grpc.address` is already defined")]
    [InlineData("[grpc]\naddress = \"b.sock\"", "grpc.address \"b.sock\" must be an absolute path")]
    public void Parse_BadInput_NamesTheProblem(string text, string expected)
    {
        var error = Assert.Throws<InvalidArgumentException>(() => DaemonConfigLoader.Parse(text, "test"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_IsDefaultsUnlessRequired()
    {
        Assert.Equivalent(new DaemonConfig(), DaemonConfigLoader.Load("/nonexistent/config.toml", required: false));
        var error = Assert.Throws<InvalidArgumentException>(() => DaemonConfigLoader.Load("/nonexistent/config.toml", required: true));
        Assert.Contains("berthd config default >", error.Message, StringComparison.Ordinal);
    }
}
