using Berth.Api.Conversions;
using Berth.Core.Engine;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Api.Containers.V1;

public sealed partial class Container
{
    /// <summary>The container; a record without its request (none is sent today) gets one naming just the image.</summary>
    public ContainerDetails ToCore() => new(Id, Name, Request?.ToCore() ?? new ContainerCreate(ImageName))
    {
        Created = Wire.ToTime(Created),
        ImageName = ImageName,
        ImageId = ImageId,
        Args = [.. Args],
        Entrypoint = [.. Entrypoint],
        Cmd = [.. Cmd],
        Env = [.. Env],
        User = User,
        WorkingDir = WorkingDir,
        Hostname = Hostname,
        Labels = Wire.ToLabels(Labels),
        StopSignal = StopSignal,
        State = State?.ToCore() ?? new ContainerState(ContainerStatus.Created),
        RestartCount = RestartCount,
        LogPath = LogPath,
        HostnamePath = HostnamePath,
        HostsPath = HostsPath,
        ResolvConfPath = ResolvConfPath,
        CgroupsPath = CgroupsPath,
        Snapshotter = Snapshotter,
        Mounts = [.. Mounts.Select(m => m.ToCore())],
    };

    public static Container FromCore(ContainerDetails details)
    {
        var wire = new Container
        {
            Id = details.Id,
            Name = details.Name,
            Request = CreateRequest.FromCore(details.Request),
            Created = Wire.ToTimestamp(details.Created),
            ImageName = details.ImageName,
            ImageId = details.ImageId,
            User = details.User,
            WorkingDir = details.WorkingDir,
            Hostname = details.Hostname,
            StopSignal = details.StopSignal,
            State = State.FromCore(details.State),
            RestartCount = details.RestartCount,
            LogPath = details.LogPath,
            HostnamePath = details.HostnamePath,
            HostsPath = details.HostsPath,
            ResolvConfPath = details.ResolvConfPath,
            CgroupsPath = details.CgroupsPath,
            Snapshotter = details.Snapshotter,
        };
        wire.Args.Add(details.Args);
        wire.Entrypoint.Add(details.Entrypoint);
        wire.Cmd.Add(details.Cmd);
        wire.Env.Add(details.Env);
        Wire.Fill(wire.Labels, details.Labels);
        wire.Mounts.Add(details.Mounts.Select(Mount.FromCore));
        return wire;
    }
}

public sealed partial class State
{
    /// <summary>The state; an absent time is "never" (null), unlike containerd's records, which send Go's zero time.</summary>
    public ContainerState ToCore() => new(Status.ToCore())
    {
        Pid = Pid,
        ExitCode = ExitCode,
        Error = Error,
        OomKilled = OomKilled,
        StartedAt = StartedAt?.ToDateTimeOffset(),
        FinishedAt = FinishedAt?.ToDateTimeOffset(),
    };

    public static State FromCore(ContainerState state) => new()
    {
        Status = state.Status.ToWire(),
        Pid = state.Pid,
        ExitCode = state.ExitCode,
        Error = state.Error,
        OomKilled = state.OomKilled,
        StartedAt = state.StartedAt is { } started ? Timestamp.FromDateTimeOffset(started) : null,
        FinishedAt = state.FinishedAt is { } finished ? Timestamp.FromDateTimeOffset(finished) : null,
    };
}

public sealed partial class Mount
{
    public ContainerMount ToCore() => new(Type, Source, Destination, ReadWrite, Propagation) { Name = Name };

    public static Mount FromCore(ContainerMount mount) => new()
    {
        Type = mount.Type,
        Source = mount.Source,
        Destination = mount.Destination,
        ReadWrite = mount.ReadWrite,
        Propagation = mount.Propagation,
        Name = mount.Name,
    };
}
