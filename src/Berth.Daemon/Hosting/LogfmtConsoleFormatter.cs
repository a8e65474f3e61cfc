using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Berth.Daemon.Hosting;

/// <summary>
/// One logfmt line per event, as containerd logs: <c>time="…" level=info msg="…" key=value</c>. The structured
/// values of a log message become keys, so the lines can be filtered by field.
/// </summary>
internal sealed class LogfmtConsoleFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "logfmt";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        string message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var line = new StringBuilder(128);
        line.Append("time=\"").Append(DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ")).Append('"');
        line.Append(" level=").Append(LevelName(logEntry.LogLevel));
        line.Append(" msg=");
        AppendValue(line, message);
        if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                if (key != "{OriginalFormat}")
                {
                    line.Append(' ').Append(ToKey(key)).Append('=');
                    AppendValue(line, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                }
            }
        }

        line.Append(" module=").Append(logEntry.Category);
        if (logEntry.Exception is { } exception)
        {
            line.Append(" error=");
            AppendValue(line, exception.Message);
        }

        textWriter.WriteLine(line.ToString());
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "fatal",
    };

    // Message template names are PascalCase; logfmt keys are lowercase with underscores.
    private static string ToKey(string name)
    {
        var key = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                key.Append('_');
            }

            key.Append(char.ToLowerInvariant(name[i]));
        }

        return key.ToString();
    }

    private static void AppendValue(StringBuilder line, string value)
    {
        bool quote = value.Length == 0 || value.Any(c => c is ' ' or '"' or '=' || char.IsControl(c));
        if (!quote)
        {
            line.Append(value);
            return;
        }

        line.Append('"');
        foreach (char c in value)
        {
            _ = c switch
            {
                '"' => line.Append("\\\""),
                '\\' => line.Append("\\\\"),
                '\n' => line.Append("\\n"),
                '\t' => line.Append("\\t"),
                _ => line.Append(c),
            };
        }

        line.Append('"');
    }
}
