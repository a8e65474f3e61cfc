using Berth.Runtime.Spec;

namespace Berth.Runtime.Tests.Spec;

public sealed class SpecHostTests
{
    [Fact]
    public void ReadLimits_ProcLimits_ParsesSoftHardAndUnlimited()
    {
        string[] lines =
        [
            "Limit                     Soft Limit           Hard Limit           Units     ",
            "Max core file size        0                    unlimited            bytes     ",
            "Max processes             96364                96364                processes ",
            "Max open files            1024                 20000                files     ",
        ];

        var limits = HostFiles.ReadLimits(lines);

        Assert.Equal(new RlimitValue(0, Rlimits.Unlimited), limits["RLIMIT_CORE"]);
        Assert.Equal(new RlimitValue(96364, 96364), limits["RLIMIT_NPROC"]);
        Assert.Equal(new RlimitValue(1024, 20000), limits["RLIMIT_NOFILE"]);
    }

    [Fact]
    public void ReadBoundingSet_StatusMask_NamesTheCapabilities()
    {
        var caps = HostFiles.ReadBoundingSet(["Name:\tx", "CapBnd:\t00000000a80425fb"]);

        Assert.Equal(Capabilities.Default.Order(StringComparer.Ordinal), caps.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("6.18.44-fc-v782\n", 6, 18)]
    [InlineData("5.10.0-28-amd64", 5, 10)]
    [InlineData("4.8", 4, 8)]
    public void ParseKernelVersion_Release_GivesMajorAndMinor(string release, int major, int minor)
    {
        Assert.Equal(new Version(major, minor), HostFiles.ParseKernelVersion(release));
    }

    [Fact]
    public void Current_ThisProcess_KnowsItsOpenFileLimit()
    {
        var limits = File.ReadAllLines("/proc/self/limits");

        Assert.Equal(HostFiles.ReadLimits(limits)["RLIMIT_NOFILE"].Hard, SpecHost.Current.Rlimits["RLIMIT_NOFILE"].Hard);
        Assert.Contains("CAP_CHOWN", SpecHost.Current.Capabilities);
    }
}
