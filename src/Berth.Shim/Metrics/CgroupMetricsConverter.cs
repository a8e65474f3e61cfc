using Berth.Linux.Cgroups;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Shim.Metrics;

/// <summary>
/// Turns a cgroup reading into what a shim's Stats returns: io.containerd.cgroups.v1.Metrics for legacy and hybrid hosts,
/// io.containerd.cgroups.v2.Metrics for unified ones, packed in an Any the way containerd's typeurl packs them.
/// </summary>
internal static partial class CgroupMetricsConverter
{
    /// <summary>The Any for the Stats response (and the Tasks service's Metric.data).</summary>
    public static Any ToAny(CgroupMetrics metrics) => metrics.Version == CgroupVersion.V1 ? Pack(ToV1(metrics)) : Pack(ToV2(metrics));

    /// <summary>
    /// typeurl falls back to the bare protobuf message name for messages it has no registration for (the cgroup metrics have
    /// none), so the URL is "io.containerd.cgroups.v1.Metrics" without the "type.googleapis.com/" prefix of Any.Pack: ctr
    /// looks the type up by exactly that name.
    /// </summary>
    public static Any Pack(IMessage message) => new() { TypeUrl = message.Descriptor.FullName, Value = message.ToByteString() };
}
