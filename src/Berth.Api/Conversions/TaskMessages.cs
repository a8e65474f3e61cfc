using Berth.Api.Conversions;
using Berth.Core.Containers;
using Berth.Core.Tasks;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Containerd.V1.Types
{
    public sealed partial class Process
    {
        /// <summary>A process as containerd's Tasks service shows it; "not exited" is Go's zero time, as containerd sends.</summary>
        public static Process FromCore(ProcessState state) => new()
        {
            ContainerId = state.ContainerId,
            Id = state.ExecId.Length == 0 ? state.ContainerId : state.ExecId,
            Pid = state.Pid,
            Status = (Status)(int)state.Status,
            Stdin = state.Io.Stdin,
            Stdout = state.Io.Stdout,
            Stderr = state.Io.Stderr,
            Terminal = state.Io.Terminal,
            ExitStatus = state.ExitStatus,
            ExitedAt = Wire.ToTimestamp(state.ExitedAt ?? default),
        };

        /// <summary>The process as Core sees it; Go's zero time (and anything before 1970) means it has not exited.</summary>
        public ProcessState ToCore() => new(
            ContainerId, Id == ContainerId ? string.Empty : Id, Pid, (ProcessStatus)(int)Status,
            new ProcessIo(Stdin, Stdout, Stderr, Terminal), ExitStatus,
            ExitedAt is { } at && at.Seconds > 0 ? at.ToDateTimeOffset() : null);
    }

    public sealed partial class ProcessInfo
    {
        public static ProcessInfo FromCore(Berth.Core.Tasks.ProcessInfo info) => new() { Pid = info.Pid, Info = Packing.Pack(info.Info) };

        public Berth.Core.Tasks.ProcessInfo ToCore() => new(Pid, Packing.Unpack(Info));
    }
}

namespace Containerd.Types
{
    public sealed partial class Metric
    {
        public static Metric FromCore(TaskMetric metric)
            => new() { Id = metric.Id, Timestamp = Wire.ToTimestamp(metric.Timestamp), Data = Packing.Pack(metric.Data) };

        public TaskMetric ToCore() => new(Id, Wire.ToTime(Timestamp), Packing.Unpack(Data) ?? new PackedMessage(string.Empty, ReadOnlyMemory<byte>.Empty));
    }
}

namespace Berth.Api.Conversions
{
    /// <summary>Between <c>google.protobuf.Any</c> and Core's <see cref="PackedMessage"/>, bytes kept as they are.</summary>
    public static class Packing
    {
        public static Any? Pack(PackedMessage? message)
            => message is null ? null : new Any { TypeUrl = message.TypeUrl, Value = ByteString.CopyFrom(message.Value.Span) };

        public static PackedMessage? Unpack(Any? any) => any is null ? null : new PackedMessage(any.TypeUrl, any.Value.Memory);
    }
}
