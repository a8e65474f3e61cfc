using Berth.Core.Errors;
using Berth.Daemon.Config;
using Berth.Daemon.Plugins;

namespace Berth.Daemon.Tests;

public sealed class RuntimePluginSettingsTests
{
    private const string Task = "io.containerd.runtime.v2.task";

    [Fact]
    public void PluginBoolean_SetOrUnset_GivesTheValueOrTheFallback()
    {
        var config = DaemonConfigLoader.Parse("""
            [plugins."io.containerd.runtime.v2.task"]
              prepare_hybrid_cgroups = false
              runc_binary = "crun"
            """, "test");

        Assert.False(config.PluginBoolean(Task, HybridCgroups.Setting, fallback: true));
        Assert.True(config.PluginBoolean(Task, "unset", fallback: true));
        Assert.Equal("crun", config.PluginSetting(Task, "runc_binary", ""));
    }

    [Fact]
    public void PluginBoolean_NotABoolean_NamesTheSetting()
    {
        var config = DaemonConfigLoader.Parse("""
            [plugins."io.containerd.runtime.v2.task"]
              prepare_hybrid_cgroups = "yes"
            """, "test");

        var error = Assert.Throws<InvalidArgumentException>(() => config.PluginBoolean(Task, HybridCgroups.Setting, fallback: true));
        Assert.Contains("prepare_hybrid_cgroups must be true or false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrunAvailable_RuncBinaryIsCrun_IsTrueWhereverCrunIs()
        => Assert.True(HybridCgroups.CrunAvailable("/opt/crun/bin/crun"));

    [Fact]
    public void CrunAvailable_NotConfigured_FollowsWhetherCrunIsInPath()
        => Assert.Equal(File.Exists("/usr/bin/crun") || File.Exists("/usr/local/bin/crun"), HybridCgroups.CrunAvailable(string.Empty));
}
