using Berth.Operations.Auth;

namespace Berth.Operations.Images;

/// <summary>`berth push` / `berth image push`.</summary>
public sealed record ImagePushOptions
{
    /// <summary>NAME[:TAG] as typed.</summary>
    public required string Reference { get; init; }

    /// <summary>-a / --all-tags: push every local tag of the repository.</summary>
    public bool AllTags { get; init; }

    /// <summary>--platform (os/arch[/variant]): push only that platform's manifest of an index.</summary>
    public string? Platform { get; init; }

    /// <summary>-q: print only the pushed name.</summary>
    public bool Quiet { get; init; }

    /// <summary>Where the registry's credentials come from.</summary>
    public required CredentialStore Credentials { get; init; }

    /// <summary>Progress and the result.</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>Whether <see cref="Stdout"/> is a terminal: live progress lines redrawn in place, else plain lines.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>The terminal's width (bars need more than 110 columns, as docker).</summary>
    public int TerminalWidth { get; init; } = 80;

    /// <summary>The clock the time left is estimated with.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
