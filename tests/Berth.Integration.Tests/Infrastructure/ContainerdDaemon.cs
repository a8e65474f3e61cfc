using System.Diagnostics;
using Berth.Testing;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>Debian's containerd on a private root, state and socket: the reference berth is compared with.</summary>
public sealed class ContainerdDaemon : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("containerd");
    private Process? _process;

    public string Address => _dir.Combine("state", "containerd.sock");

    /// <summary>containerd's state folder: task bundles are under <c>io.containerd.runtime.v2.task/&lt;namespace&gt;/&lt;id&gt;</c>.</summary>
    public string State => _dir.Combine("state");

    /// <summary>containerd's own output (its log and its shims' logs).</summary>
    public string Log => File.Exists(_dir.Combine("containerd.log")) ? File.ReadAllText(_dir.Combine("containerd.log")) : string.Empty;

    /// <param name="shimFolder">A folder put first in containerd's PATH, where it finds shims by runtime name
    /// (<c>io.containerd.&lt;name&gt;.v2</c> → <c>containerd-shim-&lt;name&gt;-v2</c>).</param>
    public static async Task<ContainerdDaemon> StartAsync(string? shimFolder = null)
    {
        var daemon = new ContainerdDaemon();
        string config = daemon._dir.Combine("config.toml");
        // The CRI plugin is not needed to pull and unpack, and would start a CNI watcher.
        await File.WriteAllTextAsync(config, "version = 2\ndisabled_plugins = [\"io.containerd.grpc.v1.cri\"]\n");
        string path = shimFolder is null ? string.Empty : $"PATH='{shimFolder}':\"$PATH\" ";
        string command = $"{path}exec /usr/bin/containerd --config '{config}' --root '{daemon._dir.Combine("root")}' " +
            $"--state '{daemon._dir.Combine("state")}' --address '{daemon.Address}' >>'{daemon._dir.Combine("containerd.log")}' 2>&1";
        daemon._process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("cannot start containerd");
        for (int i = 0; i < 300; i++)
        {
            var version = await ProcessRunner.RunAsync(Ctr.Path, ["--address", daemon.Address, "version"]);
            if (version.ExitCode == 0)
            {
                return daemon;
            }

            if (daemon._process.HasExited)
            {
                break;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"containerd did not start: {File.ReadAllText(daemon._dir.Combine("containerd.log"))}");
    }

    public Task<ProcessResult> CtrAsync(string @namespace, params string[] arguments)
        => ProcessRunner.RunAsync(Ctr.Path, ["--address", Address, "--namespace", @namespace, .. arguments], TimeSpan.FromMinutes(3));

    public async ValueTask DisposeAsync()
    {
        await DaemonProcess.TerminateAsync(_process, TimeSpan.FromSeconds(20));
        MountCleanup.UnmountUnder(_dir.Path);
        _dir.Dispose();
    }
}
