namespace Berth.Operations.Output;

/// <summary>
/// A failure the command line finds by itself, without the daemon's word: bad flags, a non-terminal where a prompt is
/// needed, an unusable template. Printed as is (docker prints no "Error response from daemon" for these), exiting with
/// <see cref="ExitCode"/>.
/// </summary>
public sealed class ClientException(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>The process exit code: 1 for a failure, 125 for a usage error, as docker.</summary>
    public int ExitCode { get; } = exitCode;
}
