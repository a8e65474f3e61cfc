using Berth.Core.Errors;
using Berth.Daemon.Plugins;
using Berth.Linux;
using Berth.Linux.Cgroups;
using Berth.Testing;
using Microsoft.Extensions.Logging;

namespace Berth.Daemon.Tests;

/// <summary>prepare_hybrid_cgroups on made-up hosts: the mounts it asks for and what it logs (no real mount is made).</summary>
public sealed class HybridCgroupsTests : IDisposable
{
    private readonly TempDirectory _dir = new("hybrid");
    private readonly RecordingMounts _syscalls = new();
    private readonly ListLogger _logger = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Prepare_HugetlbLeftOnV2_MountsItAsV1AndLogsIt()
    {
        var system = Hybrid("hugetlb");

        HybridCgroups.Prepare(system, _syscalls, _logger, _dir.Combine("v1"));

        var mount = Assert.Single(_syscalls.Mounts);
        Assert.Equal(("cgroup", _dir.Combine("v1", "hugetlb"), "cgroup", "hugetlb"), mount);
        Assert.Contains(_logger.Lines, line => line.StartsWith("Information: moved cgroup controller hugetlb", StringComparison.Ordinal));
    }

    [Fact]
    public void Prepare_NothingLeftOnV2_ChangesNothing()
    {
        HybridCgroups.Prepare(Hybrid(), _syscalls, _logger, _dir.Combine("v1"));

        Assert.Empty(_syscalls.Mounts);
        Assert.Empty(_logger.Lines);
    }

    [Fact]
    public void Prepare_ControllerBusyOnV2_LogsAWarningInsteadOfFailing()
    {
        _syscalls.Fail = true;

        HybridCgroups.Prepare(Hybrid("hugetlb"), _syscalls, _logger, _dir.Combine("v1"));

        Assert.Contains(_logger.Lines, line => line.StartsWith("Warning: crun cannot run on this hybrid cgroup host", StringComparison.Ordinal)
            && line.Contains("hugetlb", StringComparison.Ordinal));
    }

    // A hybrid host whose cgroup2 mount is a temporary folder with the given root cgroup.controllers.
    private CgroupSystem Hybrid(params string[] controllers)
    {
        string unified = _dir.Combine("unified");
        Directory.CreateDirectory(unified);
        File.WriteAllText(Path.Join(unified, "cgroup.controllers"), string.Join(' ', controllers) + "\n");
        string mountInfo = $"""
            30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            40 30 0:37 / {unified} rw,relatime - cgroup2 cgroup2 rw
            """;
        var system = CgroupSystem.Parse(mountInfo, "4:memory:/\n0::/\n");
        Assert.Equal(CgroupLayout.Hybrid, system.Layout);
        return system;
    }

    private sealed class RecordingMounts() : DelegatingSyscalls(LinuxSyscalls.Instance)
    {
        public List<(string? Source, string Target, string? FsType, string? Data)> Mounts { get; } = [];

        public bool Fail { get; set; }

        public override void Mount(string? source, string target, string? fsType, MountFlags flags, string? data)
        {
            if (Fail)
            {
                throw new UnavailableException($"mount {target}: device or resource busy");
            }

            Mounts.Add((source, target, fsType, data));
        }
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Lines.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
