using Berth.Runtime.Spec;

namespace Berth.Runtime.Tests.Spec;

/// <summary>A host like this test machine: nofile and nproc hard limits below docker's, no CAP_SYS_RESOURCE.</summary>
internal static class FakeHost
{
    public static SpecHost Create(string architecture = "amd64") => new(
        new Dictionary<string, RlimitValue>
        {
            ["RLIMIT_NOFILE"] = new(20000, 20000),
            ["RLIMIT_NPROC"] = new(96364, 96364),
            ["RLIMIT_CORE"] = new(0, Rlimits.Unlimited),
        },
        [.. Capabilities.All.Where(c => c != "CAP_SYS_RESOURCE")],
        architecture,
        new Version(6, 1));
}
