using System.CommandLine;
using Berth.Operations.Containers;

namespace Berth.Cli.Commands;

/// <summary>
/// The container flags `run` and `create` share, with docker's names and short forms. Numbers and sizes are taken as
/// text: Operations refuses them in docker's words.
/// </summary>
internal sealed class ContainerFlagOptions
{
    private readonly Option<string> _name = Text("--name", "Assign a name to the container");
    private readonly Option<bool> _interactive = new("--interactive", "-i") { Description = "Keep STDIN open even if not attached" };
    private readonly Option<bool> _tty = new("--tty", "-t") { Description = "Allocate a pseudo-TTY" };
    private readonly Option<bool> _rm = new("--rm") { Description = "Automatically remove the container and its associated anonymous volumes when it exits" };
    private readonly Option<bool> _init = new("--init") { Description = "Run an init inside the container that forwards signals and reaps processes" };
    private readonly Option<string[]> _env = List("--env", "Set environment variables", "-e");
    private readonly Option<string[]> _envFile = List("--env-file", "Read in a file of environment variables");
    private readonly Option<string> _user = Text("--user", "Username or UID (format: <name|uid>[:<group|gid>])", "-u");
    private readonly Option<string> _workdir = Text("--workdir", "Working directory inside the container", "-w");
    private readonly Option<string> _entrypoint = Text("--entrypoint", "Overwrite the default ENTRYPOINT of the image");
    private readonly Option<string> _hostname = Text("--hostname", "Container host name", "-h");
    private readonly Option<string[]> _volume = List("--volume", "Bind mount a host folder (/host:/container[:ro])", "-v");
    private readonly Option<string[]> _mount = List("--mount", "Attach a filesystem mount to the container (type=bind|tmpfs,…)");
    private readonly Option<string[]> _tmpfs = List("--tmpfs", "Mount a tmpfs directory");
    private readonly Option<string[]> _device = List("--device", "Add a host device to the container");
    private readonly Option<bool> _readOnly = new("--read-only") { Description = "Mount the container's root filesystem as read only" };
    private readonly Option<string> _memory = Text("--memory", "Memory limit", "-m");
    private readonly Option<string> _memorySwap = Text("--memory-swap", "Swap limit equal to memory plus swap: '-1' to enable unlimited swap");
    private readonly Option<string> _memoryReservation = Text("--memory-reservation", "Memory soft limit");
    private readonly Option<string> _memorySwappiness = Text("--memory-swappiness", "Tune container memory swappiness (0 to 100)");
    private readonly Option<string> _shmSize = Text("--shm-size", "Size of /dev/shm");
    private readonly Option<bool> _oomKillDisable = new("--oom-kill-disable") { Description = "Disable OOM Killer" };
    private readonly Option<string> _cpus = Text("--cpus", "Number of CPUs");
    private readonly Option<string> _cpuShares = Text("--cpu-shares", "CPU shares (relative weight)", "-c");
    private readonly Option<string> _cpuPeriod = Text("--cpu-period", "Limit CPU CFS (Completely Fair Scheduler) period");
    private readonly Option<string> _cpuQuota = Text("--cpu-quota", "Limit CPU CFS (Completely Fair Scheduler) quota");
    private readonly Option<string> _cpusetCpus = Text("--cpuset-cpus", "CPUs in which to allow execution (0-3, 0,1)");
    private readonly Option<string> _cpusetMems = Text("--cpuset-mems", "MEMs in which to allow execution (0-3, 0,1)");
    private readonly Option<string> _pidsLimit = Text("--pids-limit", "Tune container pids limit (set -1 for unlimited)");
    private readonly Option<string> _blkioWeight = Text("--blkio-weight", "Block IO (relative weight), between 10 and 1000, or 0 to disable");
    private readonly Option<string> _oomScoreAdj = Text("--oom-score-adj", "Tune host's OOM preferences (-1000 to 1000)");
    private readonly Option<string[]> _ulimit = List("--ulimit", "Ulimit options");
    private readonly Option<string[]> _capAdd = List("--cap-add", "Add Linux capabilities");
    private readonly Option<string[]> _capDrop = List("--cap-drop", "Drop Linux capabilities");
    private readonly Option<bool> _privileged = new("--privileged") { Description = "Give extended privileges to this container" };
    private readonly Option<string[]> _securityOpt = List("--security-opt", "Security Options (seccomp=…, no-new-privileges)");
    private readonly Option<string[]> _groupAdd = List("--group-add", "Add additional groups to join");
    private readonly Option<string[]> _sysctl = List("--sysctl", "Sysctl options");
    private readonly Option<string> _restart = Text("--restart", "Restart policy to apply when a container exits");
    private readonly Option<string[]> _label = List("--label", "Set meta data on a container", "-l");
    private readonly Option<string> _stopSignal = Text("--stop-signal", "Signal to stop the container");
    private readonly Option<string> _stopTimeout = Text("--stop-timeout", "Timeout (in seconds) to stop a container");
    private readonly Option<string> _logDriver = Text("--log-driver", "Logging driver for the container (json-file)");
    private readonly Option<string[]> _logOpt = List("--log-opt", "Log driver options");
    private readonly Option<string[]> _annotation = List("--annotation", "Add an annotation to the container (passed through to the OCI runtime)");
    private readonly Option<string> _runtime = Text("--runtime", "Runtime to use for this container");
    private readonly Option<string> _network = Text("--network", "Connect a container to a network (none or host)");
    private readonly Option<string[]> _publish = List("--publish", "Publish a container's port(s) to the host (not supported yet)", "-p");
    private readonly Option<bool> _publishAll = new("--publish-all", "-P") { Description = "Publish all exposed ports to random ports (not supported yet)" };

    /// <summary>The image and the command after it (everything after the image, options included: see <see cref="InterspersedArguments"/>).</summary>
    public Argument<string> Image { get; } = new("IMAGE");

    /// <summary>COMMAND [ARG...].</summary>
    public Argument<string[]> Command { get; } = new("COMMAND") { Arity = ArgumentArity.ZeroOrMore, HelpName = "[COMMAND] [ARG...]" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
        {
            _name, _interactive, _tty, _rm, _init, _env, _envFile, _user, _workdir, _entrypoint, _hostname, _volume, _mount, _tmpfs, _device, _readOnly,
            _memory, _memorySwap, _memoryReservation, _memorySwappiness, _shmSize, _oomKillDisable, _cpus, _cpuShares, _cpuPeriod, _cpuQuota,
            _cpusetCpus, _cpusetMems, _pidsLimit, _blkioWeight, _oomScoreAdj, _ulimit, _capAdd, _capDrop, _privileged, _securityOpt, _groupAdd,
            _sysctl, _restart, _label, _stopSignal, _stopTimeout, _logDriver, _logOpt, _annotation, _runtime, _network, _publish, _publishAll,
        })
        {
            command.Options.Add(option);
        }

        command.Arguments.Add(Image);
        command.Arguments.Add(Command);
    }

    public ContainerCreateFlags Read(ParseResult parsed) => new()
    {
        Image = parsed.GetValue(Image)!,
        Command = parsed.GetValue(Command) ?? [],
        Name = parsed.GetValue(_name),
        Interactive = parsed.GetValue(_interactive),
        Tty = parsed.GetValue(_tty),
        AutoRemove = parsed.GetValue(_rm),
        Init = parsed.GetValue(_init),
        Env = parsed.GetValue(_env) ?? [],
        EnvFiles = parsed.GetValue(_envFile) ?? [],
        User = parsed.GetValue(_user),
        WorkingDir = parsed.GetValue(_workdir),
        Entrypoint = parsed.GetValue(_entrypoint),
        Hostname = parsed.GetValue(_hostname),
        Volumes = parsed.GetValue(_volume) ?? [],
        Mounts = parsed.GetValue(_mount) ?? [],
        Tmpfs = parsed.GetValue(_tmpfs) ?? [],
        Devices = parsed.GetValue(_device) ?? [],
        ReadOnly = parsed.GetValue(_readOnly),
        Resources = new ResourceFlags
        {
            Memory = parsed.GetValue(_memory),
            MemorySwap = parsed.GetValue(_memorySwap),
            MemoryReservation = parsed.GetValue(_memoryReservation),
            MemorySwappiness = parsed.GetValue(_memorySwappiness),
            ShmSize = parsed.GetValue(_shmSize),
            OomKillDisable = parsed.GetValue(_oomKillDisable),
            Cpus = parsed.GetValue(_cpus),
            CpuShares = parsed.GetValue(_cpuShares),
            CpuPeriod = parsed.GetValue(_cpuPeriod),
            CpuQuota = parsed.GetValue(_cpuQuota),
            CpusetCpus = parsed.GetValue(_cpusetCpus),
            CpusetMems = parsed.GetValue(_cpusetMems),
            PidsLimit = parsed.GetValue(_pidsLimit),
            BlkioWeight = parsed.GetValue(_blkioWeight),
            OomScoreAdj = parsed.GetValue(_oomScoreAdj),
        },
        Ulimits = parsed.GetValue(_ulimit) ?? [],
        CapAdd = parsed.GetValue(_capAdd) ?? [],
        CapDrop = parsed.GetValue(_capDrop) ?? [],
        Privileged = parsed.GetValue(_privileged),
        SecurityOpts = parsed.GetValue(_securityOpt) ?? [],
        GroupAdd = parsed.GetValue(_groupAdd) ?? [],
        Sysctls = parsed.GetValue(_sysctl) ?? [],
        Restart = parsed.GetValue(_restart),
        Labels = parsed.GetValue(_label) ?? [],
        StopSignal = parsed.GetValue(_stopSignal),
        StopTimeout = parsed.GetValue(_stopTimeout),
        LogDriver = parsed.GetValue(_logDriver),
        LogOpts = parsed.GetValue(_logOpt) ?? [],
        Annotations = parsed.GetValue(_annotation) ?? [],
        Runtime = parsed.GetValue(_runtime),
        Network = parsed.GetValue(_network),
        Publish = parsed.GetValue(_publish) ?? [],
        PublishAll = parsed.GetValue(_publishAll),
    };

    private static Option<string> Text(string name, string description, params string[] aliases) => new(name, aliases) { Description = description };

    private static Option<string[]> List(string name, string description, params string[] aliases) => new(name, aliases) { Description = description };
}
