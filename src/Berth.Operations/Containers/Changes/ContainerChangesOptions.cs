namespace Berth.Operations.Containers.Changes;

/// <summary><c>docker diff CONTAINER</c>.</summary>
public sealed record ContainerDiffOptions
{
    /// <summary>The container's id, id prefix or name.</summary>
    public required string Container { get; init; }

    /// <summary>Where the lines go.</summary>
    public required TextWriter Stdout { get; init; }
}

/// <summary><c>docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]</c>.</summary>
public sealed record ContainerCommitOptions
{
    /// <summary>The container's id, id prefix or name.</summary>
    public required string Container { get; init; }

    /// <summary>The new image's name as typed; null for an image without one.</summary>
    public string? Repository { get; init; }

    /// <summary>-a, --author.</summary>
    public string? Author { get; init; }

    /// <summary>-m, --message.</summary>
    public string? Message { get; init; }

    /// <summary>-c, --change: Dockerfile instructions, in order.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>-p, --pause (docker's default: true).</summary>
    public bool Pause { get; init; } = true;

    /// <summary>Where the new image's id goes.</summary>
    public required TextWriter Stdout { get; init; }
}
