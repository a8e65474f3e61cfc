using Berth.Core.Engine;

namespace Berth.Api.Containers.V1;

/// <summary>A path's stat in a container on the wire.</summary>
public sealed partial class PathStat
{
    /// <summary>The Core form.</summary>
    public ContainerPathStat ToCore() => new(Name, Size, (int)Mode, Conversions.Wire.ToTime(ModifiedAt), LinkTarget);

    /// <summary>The wire form.</summary>
    public static PathStat FromCore(ContainerPathStat stat) => new()
    {
        Name = stat.Name, Size = stat.Size, Mode = (uint)stat.Mode, ModifiedAt = Conversions.Wire.ToTimestamp(stat.ModifiedAt), LinkTarget = stat.LinkTarget,
    };
}

/// <summary>A copy into a container on the wire.</summary>
public sealed partial class CopyToRequest
{
    /// <summary>The Core form.</summary>
    public ContainerCopyTo ToCore() => new(Path) { CopyOwnerFromUser = CopyOwnerFromUser, AllowOverwriteDirWithFile = AllowOverwriteDirWithFile };

    /// <summary>The wire form.</summary>
    public static CopyToRequest FromCore(string container, ContainerCopyTo request) => new()
    {
        Container = container, Path = request.Path, CopyOwnerFromUser = request.CopyOwnerFromUser,
        AllowOverwriteDirWithFile = request.AllowOverwriteDirWithFile,
    };
}
