using System.Diagnostics;
using Berth.Testing;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>
/// Debian's dockerd on a private data root, exec root and socket (no iptables, no default bridge): the oracle the
/// container commands are compared with, as nerdctl's own suite compares with docker. It starts its own containerd.
/// </summary>
public sealed class DockerDaemon : IAsyncDisposable
{
    public const string Dockerd = "/usr/sbin/dockerd";

    /// <summary>
    /// The docker CLI first in PATH, as a user here would run it (28.2 on this machine, in /usr/local/bin), else Debian's
    /// (20.10): the refusals made on the client side (an env file, a retry count) are worded differently in the two, and
    /// berth follows the current one. The daemon is Debian's either way.
    /// </summary>
    public static string Cli { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Select(folder => Path.Join(folder, "docker")).FirstOrDefault(File.Exists) ?? "/usr/bin/docker";

    private readonly TempDirectory _dir = new("dockerd");
    private Process? _process;

    public string Address => _dir.Combine("docker.sock");

    /// <summary>--data-root: where dockerd keeps containers (their json-file logs) and images.</summary>
    public string DataRoot => _dir.Combine("root");

    public string Log => File.Exists(_dir.Combine("dockerd.log")) ? File.ReadAllText(_dir.Combine("dockerd.log")) : string.Empty;

    public static bool Installed => File.Exists(Dockerd) && File.Exists(Cli);

    /// <param name="extraArguments">More of dockerd's flags (an <c>--insecure-registry</c>, say); plain words, not quoted.</param>
    public static async Task<DockerDaemon> StartAsync(params string[] extraArguments)
    {
        var daemon = new DockerDaemon();
        string command = $"exec {Dockerd} --data-root '{daemon.DataRoot}' --exec-root '{daemon._dir.Combine("exec")}' " +
            $"--pidfile '{daemon._dir.Combine("dockerd.pid")}' -H 'unix://{daemon.Address}' --iptables=false --ip6tables=false --bridge=none " +
            string.Concat(extraArguments.Select(a => $"'{a}' ")) + $">>'{daemon._dir.Combine("dockerd.log")}' 2>&1";
        daemon._process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("cannot start dockerd");
        for (int i = 0; i < 600; i++)
        {
            if ((await daemon.RunAsync("version", "--format", "{{.Server.Version}}")).ExitCode == 0)
            {
                return daemon;
            }

            if (daemon._process.HasExited)
            {
                break;
            }

            await Task.Delay(50);
        }

        string log = daemon.Log;
        await daemon.DisposeAsync();
        throw new InvalidOperationException($"dockerd did not start: {log}");
    }

    /// <summary>The docker CLI against this daemon.</summary>
    public Task<ProcessResult> RunAsync(params string[] arguments)
        => ProcessRunner.RunAsync(Cli, ["-H", $"unix://{Address}", .. arguments], TimeSpan.FromMinutes(3));

    /// <summary>Imports a one-layer image made of busybox-static (sh, true, echo, sleep, cat) as <paramref name="reference"/>.</summary>
    public async Task ImportBusyboxAsync(string reference)
    {
        string root = _dir.Combine("busybox");
        Directory.CreateDirectory(Path.Join(root, "bin"));
        File.Copy("/bin/busybox", Path.Join(root, "bin", "busybox"), overwrite: true);
        foreach (string name in new[] { "sh", "true", "echo", "sleep", "cat", "env" })
        {
            File.CreateSymbolicLink(Path.Join(root, "bin", name), "busybox");
        }

        string tar = _dir.Combine("busybox.tar");
        (await ProcessRunner.RunAsync("tar", ["-C", root, "-cf", tar, "."])).EnsureSuccess("tar busybox");
        (await RunAsync("import", tar, reference)).EnsureSuccess("docker import");
    }

    public async ValueTask DisposeAsync()
    {
        // dockerd stops the containerd it started on its way out.
        await DaemonProcess.TerminateAsync(_process, TimeSpan.FromSeconds(30));
        MountCleanup.UnmountUnder(_dir.Path);
        _dir.Dispose();
    }
}
