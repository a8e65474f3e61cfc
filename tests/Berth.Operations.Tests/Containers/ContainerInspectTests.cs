using System.Text.Json;
using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Operations.Containers;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;

namespace Berth.Operations.Tests.Containers;

public sealed class ContainerInspectTests
{
    private readonly FakeBerthClient _client = new();
    private readonly StringWriter _stdout = new() { NewLine = "\n" };
    private readonly StringWriter _stderr = new() { NewLine = "\n" };

    public ContainerInspectTests()
    {
        var web = TestContainers.Web with
        {
            Request = new ContainerCreate("busybox")
            {
                Spec = new ContainerSpecOptions
                {
                    Binds = [new BindMount("/tmp", "/data") { ReadOnly = true }], Memory = 64L << 20, Cpus = 1.5m, PidsLimit = 50, CapAdd = ["NET_ADMIN"],
                    Tmpfs = [new TmpfsMount("/run", ["size=1m"])],
                },
                Restart = new RestartPolicy("on-failure", 2),
                StopTimeout = 5,
                LogOptions = new Dictionary<string, string> { ["max-size"] = "10m" },
            },
            Env = ["X=1"],
            StopSignal = "SIGINT",
            Mounts = [new ContainerMount("bind", "/tmp", "/data", false, "rprivate")],
        };
        _client.EngineFake.Containers.AddRange([TestContainers.Quit, web]);
    }

    private Task<int> InspectAsync(string? format, string? type, params string[] names) => ContainerOperations.InspectAsync(_client, new ContainerInspectOptions
    {
        Names = names, Format = format, Type = type, Stdout = _stdout, Stderr = _stderr,
    }, CancellationToken.None);

    [Fact]
    public async Task Json_DockersShapeAndOrder()
    {
        Assert.Equal(0, await InspectAsync(null, null, "web"));

        string text = _stdout.ToString();
        Assert.StartsWith("[\n    {\n        \"Id\": \"56ee6d61b69f4a4e2d5529d9ee71577a84c6be34c9a4360864582dcc937b3595\",\n        \"Created\": \"2024-05-01T11:59:53Z\",\n" +
            "        \"Path\": \"sleep\",\n        \"Args\": [\n            \"100\"\n        ],\n        \"State\": {\n            \"Status\": \"created\",", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        var web = document.RootElement[0];
        Assert.Equal(["Id", "Created", "Path", "Args", "State", "Image", "ResolvConfPath", "HostnamePath", "HostsPath", "LogPath", "Name", "RestartCount",
            "Driver", "Platform", "MountLabel", "ProcessLabel", "AppArmorProfile", "ExecIDs", "HostConfig", "GraphDriver", "Mounts", "Config", "NetworkSettings"],
            web.EnumerateObject().Select(p => p.Name));
        Assert.Equal("/web", web.GetProperty("Name").GetString());
        Assert.Equal(ContainerInspectWriter.GoZeroTime, web.GetProperty("State").GetProperty("FinishedAt").GetString());
        var host = web.GetProperty("HostConfig");
        Assert.Equal("/tmp:/data:ro", host.GetProperty("Binds")[0].GetString());
        Assert.Equal(("on-failure", 2), (host.GetProperty("RestartPolicy").GetProperty("Name").GetString(), host.GetProperty("RestartPolicy").GetProperty("MaximumRetryCount").GetInt32()));
        Assert.Equal((64L << 20, 1_500_000_000L, 50L), (host.GetProperty("Memory").GetInt64(), host.GetProperty("NanoCpus").GetInt64(), host.GetProperty("PidsLimit").GetInt64()));
        Assert.Equal("10m", host.GetProperty("LogConfig").GetProperty("Config").GetProperty("max-size").GetString());
        Assert.Equal("size=1m", host.GetProperty("Tmpfs").GetProperty("/run").GetString());
        Assert.Equal(JsonValueKind.Null, host.GetProperty("CapDrop").ValueKind);
        var config = web.GetProperty("Config");
        Assert.Equal(("busybox", "SIGINT", 5), (config.GetProperty("Image").GetString(), config.GetProperty("StopSignal").GetString(), config.GetProperty("StopTimeout").GetInt32()));
        Assert.Equal("ro", web.GetProperty("Mounts")[0].GetProperty("Mode").GetString());
    }

    /// <summary>dockerd's members for the settings berth has no flag for, in dockerd 20.10's order (as SessionOracleTests saw them).</summary>
    [Fact]
    public async Task Json_DockerdsMembers_ForSettingsBerthHasNoFlagFor()
    {
        Assert.Equal(0, await InspectAsync(null, null, "quit"));

        using var document = JsonDocument.Parse(_stdout.ToString());
        var quit = document.RootElement[0];
        var host = quit.GetProperty("HostConfig");
        Assert.Equal(["Binds", "ContainerIDFile", "LogConfig", "NetworkMode", "PortBindings", "RestartPolicy", "AutoRemove", "VolumeDriver", "VolumesFrom",
            "CapAdd", "CapDrop", "CgroupnsMode", "Dns", "DnsOptions", "DnsSearch", "ExtraHosts", "GroupAdd", "IpcMode", "Cgroup", "Links", "OomScoreAdj",
            "PidMode", "Privileged", "PublishAllPorts", "ReadonlyRootfs", "SecurityOpt", "UTSMode", "UsernsMode", "ShmSize", "Runtime", "ConsoleSize",
            "Isolation", "CpuShares", "Memory", "NanoCpus", "CgroupParent", "BlkioWeight", "BlkioWeightDevice", "BlkioDeviceReadBps", "BlkioDeviceWriteBps",
            "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps", "CpuPeriod", "CpuQuota", "CpuRealtimePeriod", "CpuRealtimeRuntime", "CpusetCpus", "CpusetMems",
            "Devices", "DeviceCgroupRules", "DeviceRequests", "KernelMemory", "KernelMemoryTCP", "MemoryReservation", "MemorySwap", "MemorySwappiness",
            "OomKillDisable", "PidsLimit", "Ulimits", "CpuCount", "CpuPercent", "IOMaximumIOps", "IOMaximumBandwidth", "MaskedPaths", "ReadonlyPaths"],
            host.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("private", "host", "/proc/asound", 5), (host.GetProperty("IpcMode").GetString(), host.GetProperty("CgroupnsMode").GetString(),
            host.GetProperty("MaskedPaths")[0].GetString(), host.GetProperty("ReadonlyPaths").GetArrayLength()));
        Assert.Equal(["Bridge", "SandboxID", "HairpinMode", "LinkLocalIPv6Address", "LinkLocalIPv6PrefixLen", "Ports", "SandboxKey", "SecondaryIPAddresses",
            "SecondaryIPv6Addresses", "EndpointID", "Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen", "IPAddress", "IPPrefixLen", "IPv6Gateway",
            "MacAddress", "Networks"], quit.GetProperty("NetworkSettings").EnumerateObject().Select(p => p.Name));
        var none = quit.GetProperty("NetworkSettings").GetProperty("Networks").GetProperty("none");
        Assert.Equal(["IPAMConfig", "Links", "Aliases", "NetworkID", "EndpointID", "Gateway", "IPAddress", "IPPrefixLen", "IPv6Gateway", "GlobalIPv6Address",
            "GlobalIPv6PrefixLen", "MacAddress", "DriverOpts"], none.EnumerateObject().Select(p => p.Name));
        Assert.Equal((JsonValueKind.Null, "overlayfs"), (quit.GetProperty("GraphDriver").GetProperty("Data").ValueKind,
            quit.GetProperty("GraphDriver").GetProperty("Name").GetString()));
        // Neither the flag nor the image chose a stop signal, and the environment is empty: dockerd shows neither.
        Assert.False(quit.GetProperty("Config").TryGetProperty("StopSignal", out _));
        Assert.Equal(JsonValueKind.Null, quit.GetProperty("Config").GetProperty("Env").ValueKind);
    }

    [Fact]
    public async Task Json_Privileged_MasksNothing_AndSysctlsFollowShmSize()
    {
        _client.EngineFake.Containers.Add(TestContainers.Practical with
        {
            Name = "priv",
            Request = new ContainerCreate("busybox")
            {
                Spec = new ContainerSpecOptions { Privileged = true, Sysctls = new Dictionary<string, string> { ["a.b"] = "1" } },
            },
        });

        Assert.Equal(0, await InspectAsync("{{json .HostConfig.MaskedPaths}} {{json .HostConfig.ReadonlyPaths}} {{json .HostConfig.Sysctls}}", null,
            "priv"));

        Assert.Equal("null null {\"a.b\":\"1\"}\n", _stdout.ToString());
        _stdout.GetStringBuilder().Clear();
        await InspectAsync(null, null, "priv");
        using var document = JsonDocument.Parse(_stdout.ToString());
        var names = document.RootElement[0].GetProperty("HostConfig").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.IndexOf("ShmSize") + 1, names.IndexOf("Sysctls"));
    }

    [Theory]
    [InlineData("{{.State.Status}} {{.State.ExitCode}} {{.Name}}", "exited 4 /quit")]
    [InlineData("{{.State.Running}} {{.HostConfig.CapDrop}} {{.Config.Cmd}}", "false <no value> [sh -c exit 4]")]
    [InlineData("{{json .Config.Cmd}}", "[\"sh\",\"-c\",\"exit 4\"]")]
    [InlineData("{{range .Config.Cmd}}<{{.}}>{{end}}", "<sh><-c><exit 4>")]
    [InlineData("{{range $i, $a := .Args}}{{$i}}={{$a}} {{end}}", "0=-c 1=exit 4 ")]
    [InlineData("{{if .State.Running}}up{{else if eq .State.ExitCode 4}}four{{else}}down{{end}}", "four")]
    [InlineData("{{with .State}}{{.Pid}}{{end}} {{len .Args}} {{upper .Config.Image}} {{index .Config.Cmd 2}}", "0 2 BUSYBOX exit 4")]
    [InlineData("{{.HostConfig.LogConfig}}", "map[Config:map[] Type:json-file]")]
    [InlineData("{{printf \"%s:%v\" .Name .RestartCount}}", "/quit:0")]
    public async Task Format_GoTemplateOverDockersJson(string format, string expected)
    {
        Assert.Equal(0, await InspectAsync(format, null, "quit"));
        Assert.Equal(expected + "\n", _stdout.ToString());
    }

    [Fact]
    public async Task Format_Json_SortsKeysAsGo()
    {
        await InspectAsync("{{json .State}}", null, "quit");

        Assert.StartsWith("{\"Dead\":false,\"Error\":\"\",\"ExitCode\":4,\"FinishedAt\":\"2024-05-01T11:59:58Z\",", _stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Format_MissingKey_GosWords()
        => Assert.Equal("template parsing error: template: :1:7: executing \"\" at <.Nope.Deeper>: map has no entry for key \"Nope\"",
            (await Assert.ThrowsAsync<ClientException>(() => InspectAsync("{{.Nope.Deeper}}", null, "quit"))).Message);

    [Fact]
    public async Task NotFound_EmptyArrayAndAnError()
    {
        Assert.Equal(1, await InspectAsync(null, null, "nosuch"));
        Assert.Equal("[]\n", _stdout.ToString());
        Assert.Equal("Error: No such object: nosuch\n", _stderr.ToString());
    }

    [Fact]
    public async Task ContainerInspect_NotFound_DaemonsWords()
    {
        Assert.Equal(1, await InspectAsync("{{.Name}}", "container", "quit", "nosuch"));
        Assert.Equal("/quit\n", _stdout.ToString());
        Assert.Equal("Error response from daemon: No such container: nosuch\n", _stderr.ToString());
    }

    [Fact]
    public async Task Inspect_FallsBackToImages()
    {
        var image = TestImages.Add(_client, "a", null, [10], ["docker.io/library/alpine:latest"]);

        Assert.Equal(0, await InspectAsync("{{.Id}}", null, "quit", "alpine"));
        Assert.Equal($"{TestContainers.Quit.Id}\n{image.ConfigDigest}\n", _stdout.ToString());
        Assert.Equal(1, await InspectAsync(null, "container", "alpine"));
    }
}
