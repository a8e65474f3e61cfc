using Microsoft.Extensions.Logging;

namespace Berth.Shim.Cli;

/// <summary>
/// The serving shim's log: logfmt-like lines into the bundle's <c>log</c> FIFO, which the daemon reads into its own
/// log. Without the FIFO (a shim run by hand) lines go to stderr.
/// </summary>
internal sealed class FifoLogger(TextWriter output, LogLevel minimum) : ILoggerFactory, ILogger
{
    private readonly Lock _gate = new();

    public static FifoLogger Open(string path, LogLevel minimum)
    {
        TextWriter output = File.Exists(path)
            ? new StreamWriter(new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0)) { AutoFlush = true }
            : Console.Error;
        return new FifoLogger(output, minimum);
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        string line = $"time=\"{DateTimeOffset.UtcNow:O}\" level={logLevel.ToString().ToLowerInvariant()} msg=\"{formatter(state, exception).Replace("\"", "\\\"", StringComparison.Ordinal)}\""
            + (exception is null ? string.Empty : $" error=\"{exception.Message.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        lock (_gate)
        {
            try
            {
                output.WriteLine(line);
            }
            catch (IOException)
            {
                // The daemon is gone and nobody reads: the log waits for the next one.
            }
        }
    }

    public void Dispose()
    {
        if (!ReferenceEquals(output, Console.Error))
        {
            output.Dispose();
        }
    }
}
