using Berth.Api.Conversions;
using Berth.Core.Engine;
using CoreRestartPolicy = Berth.Core.Containers.Options.RestartPolicy;

namespace Berth.Api.Containers.V1;

// berth's Engine service (api/berth/containers/v1/containers.proto) and Core's Engine records. proto3 strings cannot be
// null, so an empty string stands for Core's null wherever Core has "unset, use the default" (name, stop signal,
// runtime); fields declared optional in the proto map to nullable values one to one.

public sealed partial class CreateRequest
{
    /// <summary>What the client asked for; the engine checks the values (the image's name among them).</summary>
    public ContainerCreate ToCore() => new(Image)
    {
        Name = EngineWire.NullIfEmpty(Name),
        Spec = Spec?.ToCore() ?? new(),
        Labels = Wire.ToLabels(Labels),
        Restart = Restart?.ToCore() ?? CoreRestartPolicy.No,
        AutoRemove = AutoRemove,
        LogOptions = Wire.ToLabels(LogOptions),
        StopSignal = EngineWire.NullIfEmpty(StopSignal),
        StopTimeout = HasStopTimeout ? StopTimeout : null,
        OpenStdin = OpenStdin,
        StdinOnce = StdinOnce,
        AttachStdout = !HasAttachStdout || AttachStdout,
        AttachStderr = !HasAttachStderr || AttachStderr,
        Runtime = EngineWire.NullIfEmpty(Runtime),
        Platform = EngineWire.NullIfEmpty(Platform),
        Volumes = [.. Volumes.Select(v => v.ToCore())],
        Init = Init,
    };

    public static CreateRequest FromCore(ContainerCreate request)
    {
        var wire = new CreateRequest
        {
            Image = request.Image,
            Name = request.Name ?? string.Empty,
            Spec = SpecOptions.FromCore(request.Spec),
            Restart = RestartPolicy.FromCore(request.Restart),
            AutoRemove = request.AutoRemove,
            StopSignal = request.StopSignal ?? string.Empty,
            OpenStdin = request.OpenStdin,
            StdinOnce = request.StdinOnce,
            AttachStdout = request.AttachStdout,
            AttachStderr = request.AttachStderr,
            Runtime = request.Runtime ?? string.Empty,
            Platform = request.Platform ?? string.Empty,
            Init = request.Init,
        };
        if (request.StopTimeout is { } timeout)
        {
            wire.StopTimeout = timeout;
        }

        Wire.Fill(wire.Labels, request.Labels);
        Wire.Fill(wire.LogOptions, request.LogOptions);
        wire.Volumes.Add(request.Volumes.Select(VolumeMount.FromCore));
        return wire;
    }
}

public sealed partial class RestartPolicy
{
    /// <summary>The policy; an empty name is docker's default, <c>no</c>.</summary>
    public CoreRestartPolicy ToCore() => Name.Length == 0 ? CoreRestartPolicy.No : new(Name, MaximumRetryCount);

    public static RestartPolicy FromCore(CoreRestartPolicy policy) => new() { Name = policy.Name, MaximumRetryCount = policy.MaximumRetryCount };
}

public sealed partial class CreateResponse
{
    public ContainerCreated ToCore() => new(Id, [.. Warnings]);

    public static CreateResponse FromCore(ContainerCreated created)
    {
        var wire = new CreateResponse { Id = created.Id };
        wire.Warnings.Add(created.Warnings);
        return wire;
    }
}

public sealed partial class WaitResponse
{
    public ContainerExit ToCore() => new(ExitCode, EngineWire.NullIfEmpty(Error));

    public static WaitResponse FromCore(ContainerExit exit) => new() { ExitCode = exit.ExitCode, Error = exit.Error ?? string.Empty };
}

public sealed partial class AttachOpen
{
    public AttachStreams ToCore() => new(Stdin, Stdout, Stderr);

    public static AttachOpen FromCore(string container, AttachStreams streams)
        => new() { Container = container, Stdin = streams.Stdin, Stdout = streams.Stdout, Stderr = streams.Stderr };
}
