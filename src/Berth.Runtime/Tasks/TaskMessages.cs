using Berth.Api.Conversions;
using Berth.Core.Containers;
using Berth.Core.Tasks;
using Containerd.Task.V2;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Runtime.Tasks;

/// <summary>Between the shim API's messages and Core's task records.</summary>
internal static class TaskMessages
{
    // Go's zero time, which the shim API sends for "not exited" (its timestamps are not nullable there).
    private static readonly DateTimeOffset GoZeroTime = new(1, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset? ExitTime(Timestamp? timestamp)
        => timestamp is null || Wire.ToTime(timestamp) <= GoZeroTime ? null : Wire.ToTime(timestamp);

    public static ProcessState ToCore(string containerId, StateResponse state) => new(
        containerId, state.ExecId, state.Pid, (ProcessStatus)(int)state.Status,
        new ProcessIo(state.Stdin, state.Stdout, state.Stderr, state.Terminal), state.ExitStatus, ExitTime(state.ExitedAt));

    public static ProcessExit ToCore(string id, DeleteResponse deleted)
        => new(id, deleted.Pid, deleted.ExitStatus, ExitTime(deleted.ExitedAt) ?? DateTimeOffset.UtcNow);

    public static CreateTaskRequest CreateRequest(TaskCreate request, string bundle, PackedMessage? options)
    {
        var wire = new CreateTaskRequest
        {
            Id = request.ContainerId,
            Bundle = bundle,
            Terminal = request.Io.Terminal,
            Stdin = request.Io.Stdin,
            Stdout = request.Io.Stdout,
            Stderr = request.Io.Stderr,
            Options = Packing.Pack(options),
        };
        wire.Rootfs.AddRange(request.Rootfs.Select(Containerd.Types.Mount.FromCore));
        return wire;
    }
}
