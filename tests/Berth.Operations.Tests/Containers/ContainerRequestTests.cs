using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using Berth.Operations.Containers;
using Berth.Operations.Output;
using Berth.Testing;
using CoreUlimit = Berth.Core.Containers.Options.Ulimit;

namespace Berth.Operations.Tests.Containers;

public sealed class ContainerRequestTests : IDisposable
{
    private static readonly FlagHost Host = new(name => name == "FROM_HOST" ? "host-value" : null, "/work/here", 4);
    private readonly TempDirectory _dir = new("flags");

    public void Dispose() => _dir.Dispose();

    private static ContainerCreateFlags Flags(string image = "busybox") => new() { Image = image };

    [Fact]
    public void From_EveryProcessFlag_ReachesTheRequest()
    {
        var request = ContainerRequest.From(Flags() with
        {
            Command = ["ls", "-la"], Name = "web", Interactive = true, Tty = true, AutoRemove = true, User = "1000:1000", WorkingDir = "/srv",
            Entrypoint = "/bin/sh", Hostname = "box", Env = ["A=1", "FROM_HOST", "UNSET"], GroupAdd = ["audio"], Labels = ["a=b", "flag"],
            StopSignal = "SIGINT", StopTimeout = "5", LogOpts = ["max-size=10m"], Runtime = "crun", Restart = "no",
        }, Host);

        Assert.Equal("busybox", request.Image);
        Assert.Equal("web", request.Name);
        Assert.Equal(["ls", "-la"], request.Spec.Command);
        Assert.Equal(["/bin/sh"], request.Spec.Entrypoint);
        Assert.Equal(["A=1", "FROM_HOST=host-value"], request.Spec.Env);
        Assert.Equal(("1000:1000", "/srv", "box"), (request.Spec.User, request.Spec.WorkingDir, request.Spec.Hostname));
        Assert.Equal(["audio"], request.Spec.GroupAdd);
        Assert.True(request.Spec.Tty && request.OpenStdin && request.StdinOnce && request.AutoRemove);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "b", ["flag"] = "" }, request.Labels);
        Assert.Equal(("SIGINT", 5, "crun"), (request.StopSignal, request.StopTimeout, request.Runtime));
        Assert.Equal("10m", request.LogOptions["max-size"]);
        Assert.Equal(RestartPolicy.No, request.Restart);
    }

    [Fact]
    public void From_Defaults_LeaveTheImagesSettings()
    {
        var request = ContainerRequest.From(Flags(), Host);

        Assert.Null(request.Spec.Command);
        Assert.Null(request.Spec.Entrypoint);
        Assert.Null(request.Spec.NetworkNamespace);
        Assert.False(request.OpenStdin || request.StdinOnce || request.Spec.Tty);
    }

    [Fact]
    public void From_EmptyEntrypoint_ResetsTheImages() => Assert.Equal([], ContainerRequest.From(Flags() with { Entrypoint = "" }, Host).Spec.Entrypoint);

    [Fact]
    public void From_DetachedInteractive_KeepsStdinOpenPastTheFirstAttach()
        => Assert.False(ContainerRequest.From(Flags() with { Interactive = true }, Host, detach: true).StdinOnce);

    [Fact]
    public void From_EnvFileThenEnv_InDockersOrder()
    {
        string file = _dir.Combine("env");
        File.WriteAllText(file, "B=file\n");

        Assert.Equal(["B=file", "B=flag"], ContainerRequest.From(Flags() with { EnvFiles = [file], Env = ["B=flag"] }, Host).Spec.Env);
    }

    [Fact]
    public void From_Resources_ParsedAsDocker()
    {
        var spec = ContainerRequest.From(Flags() with
        {
            Resources = new ResourceFlags
            {
                Memory = "64m", MemorySwap = "-1", MemoryReservation = "32m", MemorySwappiness = "10", ShmSize = "1g", OomKillDisable = true,
                Cpus = "1.5", CpuShares = "512", CpuPeriod = "100000", CpuQuota = "50000", CpusetCpus = "0-1", CpusetMems = "0", PidsLimit = "50",
                BlkioWeight = "300", OomScoreAdj = "-10",
            },
            Ulimits = ["nofile=1024:2048", "core=-1"],
        }, Host).Spec;

        Assert.Equal((64L << 20, -1L, 32L << 20, 10L, 1L << 30), (spec.Memory, spec.MemorySwap, spec.MemoryReservation, spec.MemorySwappiness, spec.ShmSize));
        Assert.True(spec.OomKillDisable);
        Assert.Equal(1.5m, spec.Cpus);
        Assert.Equal((512UL, 100000UL, 50000L), (spec.CpuShares, spec.CpuPeriod, spec.CpuQuota));
        Assert.Equal(("0-1", "0", 50L, (ushort)300, -10), (spec.CpusetCpus, spec.CpusetMems, spec.PidsLimit, spec.BlkioWeight, spec.OomScoreAdj));
        Assert.Equal([new CoreUlimit("nofile", 1024, 2048), new CoreUlimit("core", ulong.MaxValue, ulong.MaxValue)], spec.Ulimits);
    }

    [Fact]
    public void From_Security_ParsedAsDocker()
    {
        string profile = _dir.Combine("seccomp.json");
        File.WriteAllText(profile, "{ \"defaultAction\" : \"SCMP_ACT_ALLOW\" }");

        var spec = ContainerRequest.From(Flags() with
        {
            CapAdd = ["NET_ADMIN"], CapDrop = ["ALL"], Privileged = true, SecurityOpts = ["no-new-privileges:true", $"seccomp={profile}"],
            Sysctls = ["net.ipv4.ip_forward=1", "kernel.shmmax=1024"], Annotations = ["x=y"],
        }, Host).Spec;

        Assert.Equal(["NET_ADMIN"], spec.CapAdd);
        Assert.Equal(["ALL"], spec.CapDrop);
        Assert.True(spec.Privileged && spec.NoNewPrivileges);
        Assert.Equal("{\"defaultAction\":\"SCMP_ACT_ALLOW\"}", spec.Seccomp);
        Assert.Equal("1", spec.Sysctls["net.ipv4.ip_forward"]);
        Assert.Equal("y", spec.Annotations["x"]);
        Assert.Equal("unconfined", ContainerRequest.From(Flags() with { SecurityOpts = ["seccomp=unconfined"] }, Host).Spec.Seccomp);
    }

    [Fact]
    public void From_Mounts_BindsAndTmpfs()
    {
        var spec = ContainerRequest.From(Flags() with
        {
            Volumes = ["/srv/data:/data:ro", "./rel:/rel"], Mounts = ["type=bind,src=/a,dst=/b,bind-propagation=rshared", "type=tmpfs,dst=/t,tmpfs-size=1m,ro"],
            Tmpfs = ["/run:size=64m"], Devices = ["/dev/fuse"], ReadOnly = true,
        }, Host).Spec;

        Assert.Equal(
            [new BindMount("/srv/data", "/data") { ReadOnly = true }, new BindMount("/work/here/rel", "/rel"), new BindMount("/a", "/b") { Propagation = "rshared" }],
            spec.Binds);
        Assert.Equal(["/run", "/t"], spec.Tmpfs.Select(t => t.Destination));
        Assert.Equal(["size=1048576", "ro"], spec.Tmpfs[1].Options);
        Assert.Equal("/dev/fuse", spec.Devices[0].PathInContainer);
        Assert.True(spec.ReadonlyRootfs);
    }

    [Theory]
    [InlineData("--memory", "invalid argument \"1x\" for \"-m, --memory\" flag: invalid suffix: 'x'")]
    [InlineData("--cpu-shares", "invalid argument \"abc\" for \"-c, --cpu-shares\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax")]
    [InlineData("--pids-limit", "invalid argument \"abc\" for \"--pids-limit\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax")]
    [InlineData("--cpus", "invalid argument \"abc\" for \"--cpus\" flag: failed to parse abc as a rational number")]
    [InlineData("--ulimit", "invalid argument \"nofile=x\" for \"--ulimit\" flag: strconv.ParseInt: parsing \"x\": invalid syntax")]
    [InlineData("--env", "invalid argument \"=x\" for \"-e, --env\" flag: invalid environment variable: =x")]
    [InlineData("--label", "invalid argument \"=x\" for \"-l, --label\" flag: invalid label '=x': empty name")]
    [InlineData("--sysctl", "invalid argument \"kernel.foo=1\" for \"--sysctl\" flag: sysctl 'kernel.foo=1' is not allowed")]
    [InlineData("--mount", "invalid argument \"type=bind\" for \"--mount\" flag: target is required")]
    [InlineData("--security-opt", "invalid --security-opt: \"bogus\"")]
    [InlineData("--volume", "invalid spec: :/x: empty section between colons")]
    [InlineData("--rm", "conflicting options: cannot specify both --restart and --rm")]
    [InlineData("--memory-swappiness", "invalid value: 200. Valid memory swappiness range is 0-100")]
    public void From_RefusedOnTheClient_InDockersWords(string flag, string message)
    {
        var flags = flag switch
        {
            "--memory" => Flags() with { Resources = new ResourceFlags { Memory = "1x" } },
            "--cpu-shares" => Flags() with { Resources = new ResourceFlags { CpuShares = "abc" } },
            "--pids-limit" => Flags() with { Resources = new ResourceFlags { PidsLimit = "abc" } },
            "--cpus" => Flags() with { Resources = new ResourceFlags { Cpus = "abc" } },
            "--ulimit" => Flags() with { Ulimits = ["nofile=x"] },
            "--env" => Flags() with { Env = ["=x"] },
            "--label" => Flags() with { Labels = ["=x"] },
            "--sysctl" => Flags() with { Sysctls = ["kernel.foo=1"] },
            "--mount" => Flags() with { Mounts = ["type=bind"] },
            "--security-opt" => Flags() with { SecurityOpts = ["bogus"] },
            "--volume" => Flags() with { Volumes = [":/x"] },
            "--rm" => Flags() with { AutoRemove = true, Restart = "always" },
            _ => Flags() with { Resources = new ResourceFlags { MemorySwappiness = "200" } },
        };

        var error = Assert.Throws<ClientException>(() => ContainerRequest.From(flags, Host));
        Assert.Equal((message, 125), (error.Message, error.ExitCode));
    }

    [Theory]
    [InlineData("/tmp:/x:zz", "invalid mode: zz")]
    [InlineData("/tmp:rel", "invalid mount path: 'rel' mount path must be absolute")]
    public void From_Volume_RefusedClearly(string volume, string words)
        => Assert.Contains(words, Assert.Throws<InvalidArgumentException>(() => ContainerRequest.From(Flags() with { Volumes = [volume] }, Host)).Message,
            StringComparison.Ordinal);

    [Theory]
    [InlineData("ports", "publishing ports (-p 8080:80) is not supported yet")]
    [InlineData("network", "--network bridge: networks are not supported yet")]
    [InlineData("restart", "invalid restart policy 'bogus'")]
    [InlineData("log-driver", "--log-driver syslog: berth keeps docker's json-file log only")]
    public void From_WhatBerthCannotDo_IsRefusedNotDropped(string what, string words)
    {
        var flags = what switch
        {
            "ports" => Flags() with { Publish = ["8080:80"] },
            "network" => Flags() with { Network = "bridge" },
            "restart" => Flags() with { Restart = "bogus" },
            _ => Flags() with { LogDriver = "syslog" },
        };

        Assert.Contains(words, Assert.Throws<InvalidArgumentException>(() => ContainerRequest.From(flags, Host)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_HostNetwork_SharesTheHosts()
        => Assert.Equal(ContainerSpecOptions.HostNetwork, ContainerRequest.From(Flags() with { Network = "host" }, Host).Spec.NetworkNamespace);
}
