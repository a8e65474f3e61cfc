namespace Berth.Operations.Containers;

/// <summary>
/// docker run's exit codes for its own failures: 125 when docker (or the daemon) failed, 126 when the container's
/// command could not be invoked, 127 when it could not be found; otherwise the container's code.
/// </summary>
public static class ExitStatus
{
    /// <summary>berth or the daemon failed (a refused flag, a create the engine refused).</summary>
    public const int Failed = 125;

    /// <summary>The command exists but cannot be run (permission denied, a folder).</summary>
    public const int CannotInvoke = 126;

    /// <summary>The command was not found.</summary>
    public const int NotFound = 127;

    /// <summary>The code for a failed start, from the runtime's words as docker reads them.</summary>
    public static int OfStartFailure(string message)
        => message.Contains("executable file not found", StringComparison.Ordinal) || message.Contains("no such file or directory", StringComparison.Ordinal)
            ? NotFound
            : message.Contains("permission denied", StringComparison.Ordinal) || message.Contains("is a directory", StringComparison.Ordinal)
                ? CannotInvoke
                : Failed;
}
