using Berth.Core.Containers.Options;

namespace Berth.Api.Containers.V1;

public sealed partial class StringList
{
    public IReadOnlyList<string> ToCore() => [.. Values];

    /// <summary>Null stays null (no message), so "keep the image's" and "replace with nothing" stay apart.</summary>
    public static StringList? FromCore(IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return null;
        }

        var wire = new StringList();
        wire.Values.Add(values);
        return wire;
    }
}

public sealed partial class Tmpfs
{
    public TmpfsMount ToCore() => new(Destination, [.. Options]);

    public static Tmpfs FromCore(TmpfsMount mount)
    {
        var wire = new Tmpfs { Destination = mount.Destination };
        wire.Options.Add(mount.Options);
        return wire;
    }
}

public sealed partial class Bind
{
    /// <summary>The bind; an empty propagation is docker's default, as in Core.</summary>
    public BindMount ToCore()
    {
        var bind = new BindMount(Source, Destination) { ReadOnly = ReadOnly, Recursive = !NonRecursive };
        return Propagation.Length == 0 ? bind : bind with { Propagation = Propagation };
    }

    public static Bind FromCore(BindMount mount) => new()
    {
        Source = mount.Source,
        Destination = mount.Destination,
        ReadOnly = mount.ReadOnly,
        Propagation = mount.Propagation,
        NonRecursive = !mount.Recursive,
    };
}

public sealed partial class Device
{
    /// <summary>The mapping; empty permissions are docker's default <c>rwm</c>, as in Core.</summary>
    public DeviceMapping ToCore() => Permissions.Length == 0
        ? new(PathOnHost, PathInContainer)
        : new(PathOnHost, PathInContainer, Permissions);

    public static Device FromCore(DeviceMapping device)
        => new() { PathOnHost = device.PathOnHost, PathInContainer = device.PathInContainer, Permissions = device.Permissions };
}

public sealed partial class Ulimit
{
    public Core.Containers.Options.Ulimit ToCore() => new(Name, Soft, Hard);

    public static Ulimit FromCore(Core.Containers.Options.Ulimit ulimit) => new() { Name = ulimit.Name, Soft = ulimit.Soft, Hard = ulimit.Hard };
}
