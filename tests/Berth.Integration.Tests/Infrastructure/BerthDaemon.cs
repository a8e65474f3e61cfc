using System.Diagnostics;
using Berth.Client;
using Berth.Testing;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>A private berthd with its own root, state and socket under a temp folder, its log in daemon.log there.</summary>
public sealed class BerthDaemon : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("daemon");
    private readonly string? _configPath;
    private Process? _process;

    public BerthDaemon(string? configText = null)
    {
        Root = _dir.Combine("root");
        State = _dir.Combine("state");
        Address = _dir.Combine("state", "berthd.sock");
        LogPath = _dir.Combine("daemon.log");
        if (configText is not null)
        {
            _configPath = _dir.Combine("config.toml");
            File.WriteAllText(_configPath, configText);
        }
    }

    public string Root { get; }

    public string State { get; }

    public string Address { get; }

    public string LogPath { get; }

    public int Pid => _process?.Id ?? throw new InvalidOperationException("the daemon is not running");

    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : string.Empty;

    public static async Task<BerthDaemon> StartNewAsync(string? configText = null)
    {
        var daemon = new BerthDaemon(configText);
        await daemon.StartAsync();
        return daemon;
    }

    /// <summary>The command line, for tests that start a daemon themselves.</summary>
    public IReadOnlyList<string> Arguments =>
        [.. _configPath is null ? [] : new[] { "--config", _configPath }, "--root", Root, "--state", State, "--address", Address, "--log-level", "debug"];

    public async Task StartAsync()
    {
        string command = $"exec {Quote(BerthBinaries.Daemon)} {string.Join(' ', Arguments.Select(Quote))} >>{Quote(LogPath)} 2>&1";
        _process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("cannot start berthd");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        await using var client = BerthClient.Connect(Address);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"berthd exited with code {_process.ExitCode} while starting:\n{Log}");
            }

            try
            {
                await client.VersionAsync();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>SIGTERM, then waits; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("the daemon is not running");
        await ProcessRunner.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cts.Token);
        _process = null;
        return process.ExitCode;
    }

    /// <summary>SIGKILL: the daemon gets no chance to clean up.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("the daemon is not running");
        process.Kill();
        await process.WaitForExitAsync();
        _process = null;
    }

    public BerthClient Connect(string @namespace = "default") => BerthClient.Connect(Address, @namespace);

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            try
            {
                await StopAsync();
            }
            catch (Exception)
            {
                _process?.Kill();
            }
        }

        MountCleanup.UnmountUnder(_dir.Path);
        _dir.Dispose();
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
