namespace Berth.Operations.Containers;

/// <summary>
/// The user's end of an attached container: the command's stdio as bytes (the container's output is copied as it
/// comes), text writers for berth's own lines, and, when stdio is a terminal, its controls. <see cref="SystemConsole"/>
/// is this process's; tests give a scripted one.
/// </summary>
public interface IContainerConsole
{
    /// <summary>The command's standard input.</summary>
    Stream Stdin { get; }

    /// <summary>The command's standard output, where the container's stdout (all of it with a terminal) goes.</summary>
    Stream Stdout { get; }

    /// <summary>The command's standard error, where the container's stderr goes.</summary>
    Stream Stderr { get; }

    /// <summary>berth's own output lines (a container's id).</summary>
    TextWriter Out { get; }

    /// <summary>berth's own messages (errors, pull progress for run).</summary>
    TextWriter Error { get; }

    /// <summary>Whether <see cref="Stdin"/> is a terminal.</summary>
    bool StdinIsTerminal { get; }

    /// <summary>Whether <see cref="Stdout"/> is a terminal.</summary>
    bool StdoutIsTerminal { get; }

    /// <summary>Whether <see cref="Error"/> is a terminal (pull progress is then redrawn in place).</summary>
    bool ErrorIsTerminal { get; }

    /// <summary>The terminal's size in columns and rows; null when stdout is no terminal.</summary>
    (uint Width, uint Height)? WindowSize { get; }

    /// <summary>Puts the terminal into raw mode (every key as typed, no echo, no signals from keys); disposing restores it.</summary>
    IDisposable EnterRawMode();

    /// <summary>Calls <paramref name="handler"/> when the terminal's size changes (SIGWINCH) until disposed.</summary>
    IDisposable OnResize(Action handler);

    /// <summary>
    /// Calls <paramref name="handler"/> with the signal's name (<c>SIGINT</c>, <c>SIGTERM</c>, …) when this process
    /// receives one, instead of ending the process, until disposed: docker's <c>--sig-proxy</c>.
    /// </summary>
    IDisposable OnSignal(Action<string> handler);
}
