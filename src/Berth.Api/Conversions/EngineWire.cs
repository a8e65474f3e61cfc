using System.Globalization;
using Berth.Api.Containers.V1;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Logs;
using WireStream = Berth.Api.Containers.V1.Stream;
using WireWaitCondition = Berth.Api.Containers.V1.WaitCondition;

namespace Berth.Api.Conversions;

/// <summary>
/// The Engine service's enums both ways. Each value is named rather than cast: the wire's numbers are the proto's and
/// Core's are its own, so reordering either enum must not silently swap meanings.
/// </summary>
public static class EngineWire
{
    public static LogStream ToCore(this WireStream stream) => stream switch
    {
        WireStream.Stdout => LogStream.Stdout,
        WireStream.Stderr => LogStream.Stderr,
        _ => throw Unknown("stream", stream),
    };

    public static WireStream ToWire(this LogStream stream) => stream == LogStream.Stderr ? WireStream.Stderr : WireStream.Stdout;

    public static Core.Engine.WaitCondition ToCore(this WireWaitCondition condition) => condition switch
    {
        WireWaitCondition.NotRunning => Core.Engine.WaitCondition.NotRunning,
        WireWaitCondition.NextExit => Core.Engine.WaitCondition.NextExit,
        WireWaitCondition.Removed => Core.Engine.WaitCondition.Removed,
        _ => throw Unknown("wait condition", condition),
    };

    public static WireWaitCondition ToWire(this Core.Engine.WaitCondition condition) => condition switch
    {
        Core.Engine.WaitCondition.NextExit => WireWaitCondition.NextExit,
        Core.Engine.WaitCondition.Removed => WireWaitCondition.Removed,
        _ => WireWaitCondition.NotRunning,
    };

    public static ContainerStatus ToCore(this Status status) => status switch
    {
        Status.Created => ContainerStatus.Created,
        Status.Running => ContainerStatus.Running,
        Status.Paused => ContainerStatus.Paused,
        Status.Restarting => ContainerStatus.Restarting,
        Status.Removing => ContainerStatus.Removing,
        Status.Exited => ContainerStatus.Exited,
        Status.Dead => ContainerStatus.Dead,
        _ => throw Unknown("container status", status),
    };

    public static Status ToWire(this ContainerStatus status) => status switch
    {
        ContainerStatus.Created => Status.Created,
        ContainerStatus.Running => Status.Running,
        ContainerStatus.Paused => Status.Paused,
        ContainerStatus.Restarting => Status.Restarting,
        ContainerStatus.Removing => Status.Removing,
        ContainerStatus.Exited => Status.Exited,
        _ => Status.Dead,
    };

    /// <summary>proto3 has no null string: the empty one stands for Core's "unset".</summary>
    public static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary><c>--cpus</c>, which travels as the decimal typed (for run's options and for update).</summary>
    public static decimal ParseCpus(string text)
        => decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal cpus)
            ? cpus
            : throw new InvalidArgumentException($"invalid argument \"{text}\" for \"--cpus\" flag: want a decimal number such as 1.5");

    /// <summary>A blkio weight as it travels (a uint32) back to Core's ushort, for run's options and for update alike.</summary>
    public static ushort? BlkioWeight(bool set, uint weight)
        => !set ? null
            : weight <= ushort.MaxValue ? (ushort)weight
            : throw new InvalidArgumentException($"blkio weight {weight} is out of range: use 10 to 1000");

    // A value from a newer peer's proto that this build does not know.
    private static InvalidArgumentException Unknown<T>(string what, T value) where T : struct, Enum
        => new($"unknown {what} {Convert.ToInt32(value, CultureInfo.InvariantCulture)}: the peer speaks a newer berth API");
}
