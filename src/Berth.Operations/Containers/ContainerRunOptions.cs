using Berth.Operations.Auth;

namespace Berth.Operations.Containers;

/// <summary>`berth run` / `berth create` (and their `berth container` forms).</summary>
public sealed record ContainerRunOptions
{
    /// <summary>The container's flags, image and command.</summary>
    public required ContainerCreateFlags Flags { get; init; }

    /// <summary>-d: start it, print its id and leave it running.</summary>
    public bool Detach { get; init; }

    /// <summary>-a: the streams to attach (stdin, stdout, stderr, in any case); stdout and stderr when empty.</summary>
    public IReadOnlyList<string> Attach { get; init; } = [];

    /// <summary>--pull: <c>missing</c> (the default), <c>always</c> or <c>never</c>.</summary>
    public string? Pull { get; init; }

    /// <summary>--platform for the pull (os/arch[/variant]).</summary>
    public string? Platform { get; init; }

    /// <summary>-q: no pull progress.</summary>
    public bool Quiet { get; init; }

    /// <summary>--detach-keys; Ctrl-P Ctrl-Q when null.</summary>
    public string? DetachKeys { get; init; }

    /// <summary>--sig-proxy: signals berth receives go to the container (without a terminal).</summary>
    public bool SigProxy { get; init; } = true;

    /// <summary>Registry credentials for the pull.</summary>
    public required CredentialStore Credentials { get; init; }

    /// <summary>The user's stdio and terminal.</summary>
    public required IContainerConsole Console { get; init; }

    /// <summary>The environment, folder and CPUs flags are read against.</summary>
    public FlagHost? Host { get; init; }

    /// <summary>The command's name for usage hints: <c>run</c>, <c>container create</c>.</summary>
    public string CommandName { get; init; } = "run";

    /// <summary>The pull progress's clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>`berth start`.</summary>
public sealed record ContainerStartOptions
{
    /// <summary>Names or ids.</summary>
    public required IReadOnlyList<string> Containers { get; init; }

    /// <summary>-a: attach stdout and stderr, and exit with the container's code.</summary>
    public bool Attach { get; init; }

    /// <summary>-i: attach stdin too (the container must have been made with -i).</summary>
    public bool Interactive { get; init; }

    /// <summary>--detach-keys.</summary>
    public string? DetachKeys { get; init; }

    /// <summary>The user's stdio and terminal.</summary>
    public required IContainerConsole Console { get; init; }
}
