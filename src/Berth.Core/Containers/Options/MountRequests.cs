using Berth.Core.Errors;

namespace Berth.Core.Containers.Options;

/// <summary>A <c>--tmpfs</c>: a tmpfs at <paramref name="Destination"/> with mount options such as <c>size=64m</c>, <c>exec</c>.</summary>
public sealed record TmpfsMount(string Destination, IReadOnlyList<string> Options)
{
    /// <summary>Reads docker's <c>path[:opt,opt…]</c>.</summary>
    public static TmpfsMount Parse(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string path = colon < 0 ? text : text[..colon];
        string[] options = colon < 0 ? [] : text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries);
        return new TmpfsMount(path, options);
    }
}

/// <summary>A bind mount: a host path at a container path, read-only or not, with a propagation (docker's default <c>rprivate</c>).</summary>
public sealed record BindMount(string Source, string Destination)
{
    /// <summary>Whether the container may not write to it.</summary>
    public bool ReadOnly { get; init; }

    /// <summary><c>rprivate</c>, <c>private</c>, <c>rshared</c>, <c>shared</c>, <c>rslave</c> or <c>slave</c>.</summary>
    public string Propagation { get; init; } = "rprivate";

    /// <summary>Whether mounts under the source come along (<c>rbind</c>) or not (<c>bind</c>).</summary>
    public bool Recursive { get; init; } = true;

    private static readonly HashSet<string> Propagations = ["rprivate", "private", "rshared", "shared", "rslave", "slave"];

    /// <summary>Reads docker's <c>-v /src:/dst[:ro|rw][,propagation]</c> (host paths only; named volumes are resolved before).</summary>
    public static BindMount Parse(string text)
    {
        string[] parts = text.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            throw new InvalidArgumentException($"--volume {text}: expected /host/path:/container/path[:options]");
        }

        var bind = new BindMount(parts[0], parts[1]);
        foreach (string option in parts.Length == 3 ? parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries) : [])
        {
            bind = option switch
            {
                "ro" => bind with { ReadOnly = true },
                "rw" => bind with { ReadOnly = false },
                "bind" => bind with { Recursive = false },
                "rbind" => bind with { Recursive = true },
                _ when Propagations.Contains(option) => bind with { Propagation = option },
                // SELinux relabelling and copy modes have no effect here.
                "z" or "Z" or "nocopy" => bind,
                _ => throw new InvalidArgumentException($"--volume {text}: unknown option {option}; use ro, rw or a propagation such as rprivate"),
            };
        }

        return bind;
    }

    /// <summary>Whether a word is a mount propagation docker knows.</summary>
    public static bool IsPropagation(string value) => Propagations.Contains(value);
}

/// <summary>A <c>--device</c>: a host device node made in the container, with cgroup permissions (<c>rwm</c>).</summary>
public sealed record DeviceMapping(string PathOnHost, string PathInContainer, string Permissions = "rwm")
{
    /// <summary>Reads docker's <c>/dev/host[:/dev/container][:rwm]</c>.</summary>
    public static DeviceMapping Parse(string text)
    {
        string[] parts = text.Split(':');
        return parts.Length switch
        {
            1 => new DeviceMapping(parts[0], parts[0]),
            2 when parts[1].StartsWith('/') => new DeviceMapping(parts[0], parts[1]),
            2 => new DeviceMapping(parts[0], parts[0], parts[1]),
            3 => new DeviceMapping(parts[0], parts[1], parts[2]),
            _ => throw new InvalidArgumentException($"--device {text}: expected /dev/host[:/dev/container][:permissions]"),
        };
    }
}

/// <summary>A <c>--ulimit</c>: a limit by docker's name (<c>nofile</c>) with its soft and hard values (<see cref="ulong.MaxValue"/> for unlimited).</summary>
public sealed record Ulimit(string Name, ulong Soft, ulong Hard);
