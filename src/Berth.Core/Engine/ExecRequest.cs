namespace Berth.Core.Engine;

/// <summary>What <c>docker exec</c> asks for: a process in a running container, with the container's settings unless given.</summary>
/// <param name="Command">The program and its arguments.</param>
public sealed record ExecRequest(IReadOnlyList<string> Command)
{
    /// <summary><c>-e</c>: over the container's environment.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary><c>-u</c>; the container's user when null.</summary>
    public string? User { get; init; }

    /// <summary><c>-w</c>; the container's working folder when null.</summary>
    public string? WorkingDir { get; init; }

    /// <summary><c>-t</c>.</summary>
    public bool Tty { get; init; }

    /// <summary><c>-i</c>: the process gets a stdin the session writes to.</summary>
    public bool Stdin { get; init; }

    /// <summary><c>--privileged</c>: every capability.</summary>
    public bool Privileged { get; init; }
}

/// <summary>
/// A process started in a container: its stdio (as an attachment; its output ends when the process's does) and its
/// exit. Disposing it detaches; the process goes on, and the engine cleans it up when it ends.
/// </summary>
public interface IExecSession : IContainerAttachment
{
    /// <summary>The exec id the task knows the process by.</summary>
    string ExecId { get; }

    /// <summary>The process's exit code, once it has ended (read the output to its end first, as <c>docker exec</c> does).</summary>
    ValueTask<int> WaitAsync(CancellationToken cancellationToken = default);
}
