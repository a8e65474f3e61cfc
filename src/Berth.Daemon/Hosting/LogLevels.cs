using Berth.Core.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Berth.Daemon.Hosting;

/// <summary>containerd's level names and the console set-up shared by the daemon and its web host.</summary>
internal static class LogLevels
{
    public static LogLevel Parse(string name) => name.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "fatal" or "panic" => LogLevel.Critical,
        _ => throw new InvalidArgumentException($"log level \"{name}\" is unknown: use trace, debug, info, warn or error"),
    };

    public static void Configure(ILoggingBuilder builder, LogLevel level)
    {
        builder.SetMinimumLevel(level);
        // ASP.NET Core's own per-request lines are noise at info.
        builder.AddFilter("Microsoft", level > LogLevel.Warning ? level : LogLevel.Warning);
        builder.AddFilter("Grpc", level > LogLevel.Warning ? level : LogLevel.Warning);
        builder.AddConsole(options =>
        {
            options.FormatterName = LogfmtConsoleFormatter.Name;
            // Logs go to stderr, as containerd's do, leaving stdout to commands such as `config default`.
            options.LogToStandardErrorThreshold = LogLevel.Trace;
        });
        // Registered by hand rather than with AddConsoleFormatter, which binds options by reflection (not AOT-safe).
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter, LogfmtConsoleFormatter>());
    }
}
