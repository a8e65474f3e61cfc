using Berth.Core.Containers.Options;
using Berth.Core.Engine;

namespace Berth.Services.Tests.Engine;

/// <summary>Requests and containers with every field set (and with none), to see each one cross the wire.</summary>
internal static class EngineSamples
{
    public static readonly string Id = "4f" + new string('a', 62);

    // UTC, as they come back from the wire: a timestamp carries the instant, not the offset.
    public static readonly DateTimeOffset Started = new(2026, 11, 29, 12, 0, 1, TimeSpan.Zero);

    public static ContainerCreate FullCreate { get; } = new("docker.io/library/busybox:latest")
    {
        Name = "web",
        Spec = new ContainerSpecOptions
        {
            Entrypoint = [], // set but empty: drops the image's entrypoint, unlike null
            Command = ["sh", "-c", "echo hi"],
            Env = ["A=1", "B="],
            User = "1000:1000",
            GroupAdd = ["audio", "44"],
            WorkingDir = "/srv",
            Hostname = "box",
            Tty = true,
            ReadonlyRootfs = true,
            Tmpfs = [new TmpfsMount("/run", ["size=64m", "exec"]), new TmpfsMount("/tmp", [])],
            Binds = [new BindMount("/host", "/data") { ReadOnly = true, Propagation = "rslave", Recursive = false }, new BindMount("/a", "/b")],
            Devices = [new DeviceMapping("/dev/fuse", "/dev/fuse", "rw"), new DeviceMapping("/dev/null", "/dev/nothing")],
            ShmSize = 64 << 20,
            Memory = 512 << 20,
            MemoryReservation = 256 << 20,
            MemorySwap = -1,
            MemorySwappiness = 0,
            OomKillDisable = true,
            Cpus = 1.50m,
            CpuShares = 512,
            CpuPeriod = 100_000,
            CpuQuota = 50_000,
            CpusetCpus = "0-2,4",
            CpusetMems = "0",
            PidsLimit = -1,
            BlkioWeight = 1000,
            Ulimits = [new Ulimit("nofile", 1024, 4096), new Ulimit("core", ulong.MaxValue, ulong.MaxValue)],
            CapAdd = ["NET_ADMIN"],
            CapDrop = ["ALL"],
            Privileged = true,
            NoNewPrivileges = true,
            Seccomp = "unconfined",
            Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_forward"] = "1" },
            Annotations = new Dictionary<string, string> { ["org.example/a"] = "b", ["empty"] = "" },
            OomScoreAdj = -500,
            NetworkNamespace = ContainerSpecOptions.HostNetwork,
            CgroupsPath = "/custom/web",
        },
        Labels = new Dictionary<string, string> { ["com.example.role"] = "web", ["empty"] = "" },
        Restart = new RestartPolicy("on-failure", 3),
        AutoRemove = true,
        LogOptions = new Dictionary<string, string> { ["max-size"] = "10m", ["max-file"] = "3" },
        StopSignal = "SIGINT",
        StopTimeout = 0, // set to zero, unlike null (docker's 10 s)
        OpenStdin = true,
        StdinOnce = true,
        AttachStdout = false, // run -a stderr: docker's default is both
        Runtime = "crun",
    };

    public static ContainerCreate MinimalCreate { get; } = new("busybox");

    public static ContainerDetails FullDetails { get; } = new(Id, "web", FullCreate)
    {
        Created = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567),
        ImageName = "docker.io/library/busybox:latest",
        ImageId = "sha256:" + new string('b', 64),
        Args = ["sh", "-c", "echo hi"],
        Entrypoint = [],
        Cmd = ["sh", "-c", "echo hi"],
        Env = ["PATH=/usr/bin", "A=1", "B="],
        User = "1000:1000",
        WorkingDir = "/srv",
        Hostname = "box",
        Labels = new Dictionary<string, string> { ["com.example.role"] = "web" },
        StopSignal = "SIGINT",
        State = new ContainerState(ContainerStatus.Exited)
        {
            Pid = 0,
            ExitCode = 137,
            Error = "oom",
            OomKilled = true,
            StartedAt = Started,
            FinishedAt = Started.AddSeconds(5),
        },
        RestartCount = 2,
        LogPath = "/var/lib/berth/containers/" + Id + "/" + Id + "-json.log",
        CgroupsPath = "/default/" + Id,
        Snapshotter = "overlayfs",
        Mounts = [new ContainerMount("bind", "/host", "/data", false, "rslave"), new ContainerMount("tmpfs", "tmpfs", "/run", true, "")],
    };

    // Never started: no times, docker's defaults everywhere.
    public static ContainerDetails MinimalDetails { get; } = new("9e" + new string('0', 62), "quirky_name", MinimalCreate)
    {
        State = new ContainerState(ContainerStatus.Running) { Pid = 4242 },
    };
}
