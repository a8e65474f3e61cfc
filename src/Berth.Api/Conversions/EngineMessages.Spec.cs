using System.Globalization;
using Berth.Api.Conversions;
using Berth.Core.Containers.Options;

namespace Berth.Api.Containers.V1;

public sealed partial class SpecOptions
{
    // --cpus travels as the decimal the user typed: a double would turn 0.1 into 0.1000000000000000055…
    public ContainerSpecOptions ToCore() => new()
    {
        Entrypoint = Entrypoint?.ToCore(),
        Command = Command?.ToCore(),
        Env = [.. Env],
        User = HasUser ? User : null,
        GroupAdd = [.. GroupAdd],
        WorkingDir = HasWorkingDir ? WorkingDir : null,
        Hostname = HasHostname ? Hostname : null,
        Tty = Tty,
        ReadonlyRootfs = ReadonlyRootfs,
        Tmpfs = [.. Tmpfs.Select(t => t.ToCore())],
        Binds = [.. Binds.Select(b => b.ToCore())],
        Devices = [.. Devices.Select(d => d.ToCore())],
        ShmSize = HasShmSize ? ShmSize : null,
        Memory = HasMemory ? Memory : null,
        MemoryReservation = HasMemoryReservation ? MemoryReservation : null,
        MemorySwap = HasMemorySwap ? MemorySwap : null,
        MemorySwappiness = HasMemorySwappiness ? MemorySwappiness : null,
        OomKillDisable = OomKillDisable,
        Cpus = HasCpus ? EngineWire.ParseCpus(Cpus) : null,
        CpuShares = HasCpuShares ? CpuShares : null,
        CpuPeriod = HasCpuPeriod ? CpuPeriod : null,
        CpuQuota = HasCpuQuota ? CpuQuota : null,
        CpusetCpus = HasCpusetCpus ? CpusetCpus : null,
        CpusetMems = HasCpusetMems ? CpusetMems : null,
        PidsLimit = HasPidsLimit ? PidsLimit : null,
        BlkioWeight = EngineWire.BlkioWeight(HasBlkioWeight, BlkioWeight),
        Ulimits = [.. Ulimits.Select(u => u.ToCore())],
        CapAdd = [.. CapAdd],
        CapDrop = [.. CapDrop],
        Privileged = Privileged,
        NoNewPrivileges = NoNewPrivileges,
        Seccomp = HasSeccomp ? Seccomp : null,
        Sysctls = Wire.ToLabels(Sysctls),
        Annotations = Wire.ToLabels(Annotations),
        OomScoreAdj = HasOomScoreAdj ? OomScoreAdj : null,
        NetworkNamespace = HasNetworkNamespace ? NetworkNamespace : null,
        CgroupsPath = HasCgroupsPath ? CgroupsPath : null,
    };

    public static SpecOptions FromCore(ContainerSpecOptions spec)
    {
        var wire = new SpecOptions
        {
            Entrypoint = StringList.FromCore(spec.Entrypoint),
            Command = StringList.FromCore(spec.Command),
            Tty = spec.Tty,
            ReadonlyRootfs = spec.ReadonlyRootfs,
            OomKillDisable = spec.OomKillDisable,
            Privileged = spec.Privileged,
            NoNewPrivileges = spec.NoNewPrivileges,
        };
        wire.Env.Add(spec.Env);
        wire.GroupAdd.Add(spec.GroupAdd);
        wire.Tmpfs.Add(spec.Tmpfs.Select(V1.Tmpfs.FromCore));
        wire.Binds.Add(spec.Binds.Select(Bind.FromCore));
        wire.Devices.Add(spec.Devices.Select(Device.FromCore));
        wire.Ulimits.Add(spec.Ulimits.Select(Ulimit.FromCore));
        wire.CapAdd.Add(spec.CapAdd);
        wire.CapDrop.Add(spec.CapDrop);
        Wire.Fill(wire.Sysctls, spec.Sysctls);
        Wire.Fill(wire.Annotations, spec.Annotations);
        wire.FillOptionals(spec);
        return wire;
    }

    // proto3 optional fields have no "set to null": each is assigned only when Core has a value.
    private void FillOptionals(ContainerSpecOptions spec)
    {
        if (spec.User is { } user) { User = user; }
        if (spec.WorkingDir is { } workingDir) { WorkingDir = workingDir; }
        if (spec.Hostname is { } hostname) { Hostname = hostname; }
        if (spec.ShmSize is { } shmSize) { ShmSize = shmSize; }
        if (spec.Memory is { } memory) { Memory = memory; }
        if (spec.MemoryReservation is { } reservation) { MemoryReservation = reservation; }
        if (spec.MemorySwap is { } swap) { MemorySwap = swap; }
        if (spec.MemorySwappiness is { } swappiness) { MemorySwappiness = swappiness; }
        if (spec.Cpus is { } cpus) { Cpus = cpus.ToString(CultureInfo.InvariantCulture); }
        if (spec.CpuShares is { } shares) { CpuShares = shares; }
        if (spec.CpuPeriod is { } period) { CpuPeriod = period; }
        if (spec.CpuQuota is { } quota) { CpuQuota = quota; }
        if (spec.CpusetCpus is { } cpusetCpus) { CpusetCpus = cpusetCpus; }
        if (spec.CpusetMems is { } cpusetMems) { CpusetMems = cpusetMems; }
        if (spec.PidsLimit is { } pids) { PidsLimit = pids; }
        if (spec.BlkioWeight is { } weight) { BlkioWeight = weight; }
        if (spec.Seccomp is { } seccomp) { Seccomp = seccomp; }
        if (spec.OomScoreAdj is { } oomScoreAdj) { OomScoreAdj = oomScoreAdj; }
        if (spec.NetworkNamespace is { } netns) { NetworkNamespace = netns; }
        if (spec.CgroupsPath is { } cgroupsPath) { CgroupsPath = cgroupsPath; }
    }
}
