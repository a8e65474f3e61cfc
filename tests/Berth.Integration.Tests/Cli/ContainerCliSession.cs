using System.Globalization;
using System.Runtime.CompilerServices;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Cli;

/// <summary>
/// One test's namespace on the shared berthd with the busybox image pulled into it, and the berth command line pointed
/// at it. Disposing removes every container left in the namespace (berth rm -f), whatever the test did.
/// </summary>
public sealed class ContainerCliSession(EngineFixture engine, string ns) : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public string Namespace => ns;

    public string Image => engine.BusyboxRef;

    public BerthDaemon Daemon => engine.Daemon;

    public static async Task<ContainerCliSession> StartAsync(EngineFixture engine, [CallerMemberName] string test = "")
        => new(engine, await CtrTasks.PullAsync(engine.Daemon, engine.BusyboxRef, test));

    /// <summary>berth's arguments for this namespace, for a program started on a pseudo-terminal.</summary>
    public string[] Arguments(params string[] arguments) => ["--address", engine.Daemon.Address, "--namespace", ns, .. arguments];

    public Task<ProcessResult> RunAsync(params string[] arguments) => BerthCli.RunAsync(engine.Daemon, ["--namespace", ns, .. arguments]);

    /// <summary>With text on stdin, which is then closed.</summary>
    public Task<ProcessResult> RunWithStdinAsync(string stdin, params string[] arguments)
        => BerthCli.RunAsync(engine.Daemon, null, stdin, ["--namespace", ns, .. arguments]);

    /// <summary>Runs berth and asserts its exit code (0 unless told).</summary>
    public async Task<ProcessResult> OkAsync(params string[] arguments) => Expect(0, await RunAsync(arguments));

    public static ProcessResult Expect(int exitCode, ProcessResult result)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}; {result}");
        return result;
    }

    /// <summary>A time as `events --since/--until` take it: Unix seconds with milliseconds.</summary>
    public static string UnixSeconds(DateTimeOffset time)
    {
        long ms = time.ToUnixTimeMilliseconds();
        return string.Create(CultureInfo.InvariantCulture, $"{ms / 1000}.{ms % 1000:D3}");
    }

    /// <summary>`berth ps -a --format '{{.Names}} {{.Status}}'` as lines.</summary>
    public async Task<List<string>> StatusesAsync()
        => [.. (await OkAsync("ps", "-a", "--format", "{{.Names}} {{.Status}}")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    public async ValueTask DisposeAsync()
    {
        var ids = await RunAsync("ps", "-a", "-q", "--no-trunc");
        foreach (string id in ids.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            await RunAsync("rm", "-f", id);
        }
    }
}
