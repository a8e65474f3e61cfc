namespace Berth.Operations.Containers;

/// <summary>
/// <c>docker create</c>'s and <c>docker run</c>'s container flags as typed: numbers and sizes stay text so that
/// <see cref="ContainerRequest"/> refuses them in docker's words rather than the command-line parser's.
/// </summary>
public sealed record ContainerCreateFlags
{
    /// <summary>IMAGE as typed.</summary>
    public required string Image { get; init; }

    /// <summary>COMMAND and ARGs after the image; empty keeps the image's command.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>--name.</summary>
    public string? Name { get; init; }

    /// <summary>-i, -t, --rm.</summary>
    public bool Interactive { get; init; }

    /// <inheritdoc cref="Interactive"/>
    public bool Tty { get; init; }

    /// <inheritdoc cref="Interactive"/>
    public bool AutoRemove { get; init; }

    /// <summary>--init.</summary>
    public bool Init { get; init; }

    /// <summary>-e and --env-file (files first, then -e, as docker merges them).</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <inheritdoc cref="Env"/>
    public IReadOnlyList<string> EnvFiles { get; init; } = [];

    /// <summary>-u, -w, --entrypoint (empty resets the image's), -h.</summary>
    public string? User { get; init; }

    /// <inheritdoc cref="User"/>
    public string? WorkingDir { get; init; }

    /// <inheritdoc cref="User"/>
    public string? Entrypoint { get; init; }

    /// <inheritdoc cref="User"/>
    public string? Hostname { get; init; }

    /// <summary>-v, --mount, --tmpfs, --device, --read-only.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    /// <inheritdoc cref="Volumes"/>
    public IReadOnlyList<string> Mounts { get; init; } = [];

    /// <inheritdoc cref="Volumes"/>
    public IReadOnlyList<string> Tmpfs { get; init; } = [];

    /// <inheritdoc cref="Volumes"/>
    public IReadOnlyList<string> Devices { get; init; } = [];

    /// <inheritdoc cref="Volumes"/>
    public bool ReadOnly { get; init; }

    /// <summary>Resource limits as typed: -m, --memory-swap, --memory-reservation, --memory-swappiness, --shm-size, --cpus, -c, ….</summary>
    public ResourceFlags Resources { get; init; } = new();

    /// <summary>--ulimit, --cap-add, --cap-drop, --security-opt, --group-add, --sysctl.</summary>
    public IReadOnlyList<string> Ulimits { get; init; } = [];

    /// <inheritdoc cref="Ulimits"/>
    public IReadOnlyList<string> CapAdd { get; init; } = [];

    /// <inheritdoc cref="Ulimits"/>
    public IReadOnlyList<string> CapDrop { get; init; } = [];

    /// <inheritdoc cref="Ulimits"/>
    public IReadOnlyList<string> SecurityOpts { get; init; } = [];

    /// <inheritdoc cref="Ulimits"/>
    public IReadOnlyList<string> GroupAdd { get; init; } = [];

    /// <inheritdoc cref="Ulimits"/>
    public IReadOnlyList<string> Sysctls { get; init; } = [];

    /// <summary>--privileged.</summary>
    public bool Privileged { get; init; }

    /// <summary>--restart, --stop-signal, --stop-timeout, --runtime, --log-driver, --network.</summary>
    public string? Restart { get; init; }

    /// <inheritdoc cref="Restart"/>
    public string? StopSignal { get; init; }

    /// <inheritdoc cref="Restart"/>
    public string? StopTimeout { get; init; }

    /// <inheritdoc cref="Restart"/>
    public string? Runtime { get; init; }

    /// <inheritdoc cref="Restart"/>
    public string? LogDriver { get; init; }

    /// <inheritdoc cref="Restart"/>
    public string? Network { get; init; }

    /// <summary>-l, --log-opt, --annotation (KEY=VALUE each).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <inheritdoc cref="Labels"/>
    public IReadOnlyList<string> LogOpts { get; init; } = [];

    /// <inheritdoc cref="Labels"/>
    public IReadOnlyList<string> Annotations { get; init; } = [];

    /// <summary>-p and -P: refused until berth has networks.</summary>
    public IReadOnlyList<string> Publish { get; init; } = [];

    /// <inheritdoc cref="Publish"/>
    public bool PublishAll { get; init; }
}
