using System.Text;
using System.Text.Json.Nodes;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Tests.Spec;

public sealed class RuntimeSpecJsonTests
{
    // A spec as another tool writes it: fields berth models, and some it does not (a newer process field, a Windows
    // section, a vendor's member inside seccomp rules and resources).
    private const string ForeignSpec = """
        {"ociVersion":"1.1.0","process":{"user":{"uid":0,"gid":0,"umask":18,"additionalGids":[10]},"args":["sh"],
        "env":["PATH=/bin"],"cwd":"/","capabilities":{"bounding":["CAP_KILL"],"effective":["CAP_KILL"],
        "permitted":["CAP_KILL"],"inheritable":[],"ambient":[]},"rlimits":[{"type":"RLIMIT_NOFILE","hard":1024,"soft":1024}],
        "noNewPrivileges":true,"oomScoreAdj":-5,"ioPriority":{"class":"IOPRIO_CLASS_IDLE","priority":4},"consoleSize":{"height":24,"width":80}},
        "root":{"path":"rootfs","readonly":true},"hostname":"h","mounts":[{"destination":"/proc","type":"proc","source":"proc",
        "uidMappings":[{"containerID":0,"hostID":1000,"size":1}]}],
        "hooks":{"createRuntime":[{"path":"/bin/hook","args":["hook"],"timeout":5}]},"annotations":{"io.containerd.x":"y"},
        "windows":{"layerFolders":["C:\\a"]},
        "linux":{"uidMappings":[{"containerID":0,"hostID":100000,"size":65536}],"sysctl":{"net.ipv4.ip_forward":"1"},
        "resources":{"devices":[{"allow":false,"access":"rwm"}],"memory":{"limit":1048576,"swap":-1,"disableOOMKiller":true,"kernelTCP":5},
        "cpu":{"shares":512,"quota":50000,"period":100000,"cpus":"0-1","mems":"0"},"pids":{"limit":10},
        "blockIO":{"weight":300,"throttleReadIOPSDevice":[{"major":8,"minor":0,"rate":100}]},
        "hugepageLimits":[{"pageSize":"2MB","limit":0}],"network":{"classID":7},"unified":{"memory.high":"1M"},"vendorLimit":{"a":1}},
        "cgroupsPath":"/default/x","namespaces":[{"type":"pid"},{"type":"network","path":"/var/run/netns/x"}],
        "devices":[{"path":"/dev/fuse","type":"c","major":10,"minor":229,"fileMode":438,"uid":0,"gid":0}],
        "seccomp":{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":1,"architectures":["SCMP_ARCH_X86_64"],
        "syscalls":[{"names":["clone"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":2114060288,"valueTwo":0,"op":"SCMP_CMP_MASKED_EQ"}],"vendorNote":"kept"}]},
        "rootfsPropagation":"rprivate","maskedPaths":["/proc/kcore"],"readonlyPaths":["/proc/sys"],"mountLabel":"l",
        "intelRdt":{"closID":"c","l3CacheSchema":"L3:0=f","enableCMT":true},"timeOffsets":{"monotonic":{"secs":1}}}}
        """;

    [Fact]
    public void Parse_ForeignSpec_ReadsKnownMembers()
    {
        var spec = RuntimeSpecJson.Parse(Encoding.UTF8.GetBytes(ForeignSpec));

        Assert.Equal("1.1.0", spec.OciVersion);
        Assert.Equal(18u, spec.Process!.User.Umask);
        Assert.Equal([10u], spec.Process.User.AdditionalGids!);
        Assert.Equal(-5, spec.Process.OomScoreAdj);
        Assert.True(spec.Root!.Readonly);
        Assert.Equal(1000u, spec.Mounts![0].UidMappings![0].HostId);
        Assert.Equal(5, spec.Hooks!.CreateRuntime![0].Timeout);
        Assert.True(spec.Linux!.Resources!.Memory!.DisableOomKiller);
        Assert.Equal(100UL, spec.Linux.Resources.BlockIo!.ThrottleReadIopsDevice![0].Rate);
        Assert.Equal(7u, spec.Linux.Resources.Network!.ClassId);
        Assert.Equal("/var/run/netns/x", spec.Linux.Namespaces![1].Path);
        Assert.Equal(438u, spec.Linux.Devices![0].FileMode);
        Assert.Equal(2114060288UL, spec.Linux.Seccomp!.Syscalls![0].Args![0].Value);
        Assert.True(spec.Linux.IntelRdt!.EnableCmt);
    }

    [Fact]
    public void Serialize_ParsedForeignSpec_KeepsEveryMember()
    {
        var spec = RuntimeSpecJson.Parse(Encoding.UTF8.GetBytes(ForeignSpec));

        var written = JsonNode.Parse(RuntimeSpecJson.Serialize(spec))!;

        // Go leaves false, zero and empty members out, so a writer that drops them loses nothing a runtime reads.
        var expected = JsonNode.Parse(ForeignSpec)!;
        expected["linux"]!["seccomp"]!["syscalls"]![0]!["args"]![0]!.AsObject().Remove("valueTwo");
        Assert.True(JsonNode.DeepEquals(expected, written), written.ToJsonString());
    }

    [Fact]
    public void Serialize_NewSpec_LeavesOutNullsAndFalseFlags()
    {
        var spec = new RuntimeSpec { Process = new ProcessSpec { Cwd = "/", Args = ["sh"] }, Root = new RootSpec { Path = "rootfs" } };

        string json = Encoding.UTF8.GetString(RuntimeSpecJson.Serialize(spec));

        Assert.Equal("""{"ociVersion":"1.0.2-dev","process":{"user":{"uid":0,"gid":0},"args":["sh"],"cwd":"/"},"root":{"path":"rootfs"}}""", json);
    }

    [Fact]
    public void Serialize_DeviceRule_WritesAllowEvenWhenFalse()
    {
        var spec = new RuntimeSpec { Linux = new LinuxSpec { Resources = new LinuxResources { Devices = [new() { Allow = false, Access = "rwm" }] } } };

        string json = Encoding.UTF8.GetString(RuntimeSpecJson.Serialize(spec));

        Assert.Contains("""{"allow":false,"access":"rwm"}""", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"process":{"user":{"uid":"root"}}}""")]
    [InlineData("{")]
    public void Parse_InvalidDocument_ThrowsFormatException(string json)
    {
        var ex = Assert.Throws<FormatException>(() => RuntimeSpecJson.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.StartsWith("the runtime spec is not valid", ex.Message, StringComparison.Ordinal);
    }
}
