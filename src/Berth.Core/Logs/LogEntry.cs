namespace Berth.Core.Logs;

/// <summary>Which output of the container a log entry came from.</summary>
public enum LogStream
{
    /// <summary>Standard output.</summary>
    Stdout,

    /// <summary>Standard error.</summary>
    Stderr,
}

/// <summary>One entry of a container's log: a line with its newline (the last one of an output may have none).</summary>
public sealed record LogEntry(LogStream Stream, DateTimeOffset Time, string Text);
