using Berth.Operations.Auth;

namespace Berth.Operations.Images;

/// <summary>`berth pull` / `berth image pull`.</summary>
public sealed record ImagePullOptions
{
    /// <summary>NAME[:TAG|@DIGEST] as typed.</summary>
    public required string Reference { get; init; }

    /// <summary>--platform (os/arch[/variant]); null for the daemon's own.</summary>
    public string? Platform { get; init; }

    /// <summary>--all-platforms: fetch the content of every platform of an index.</summary>
    public bool AllPlatforms { get; init; }

    /// <summary>-q: print only the image's full name.</summary>
    public bool Quiet { get; init; }

    /// <summary>Where the registry's credentials come from.</summary>
    public required CredentialStore Credentials { get; init; }

    /// <summary>Progress and the result.</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>Whether <see cref="Stdout"/> is a terminal: live progress lines redrawn in place, else plain lines.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>The terminal's width: bars need more than 110 columns, time left more than 50 (as docker).</summary>
    public int TerminalWidth { get; init; } = 80;

    /// <summary>The clock the time left is estimated with.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
