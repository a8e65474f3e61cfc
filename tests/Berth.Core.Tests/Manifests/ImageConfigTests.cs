using System.Text;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Core.Tests.Manifests;

public sealed class ImageConfigTests
{
    private const string DockerConfig = """
        {"architecture":"arm","variant":"v7","os":"linux","created":"2023-05-19T20:17:42.123456789Z",
         "config":{"User":"1000:1000","ExposedPorts":{"80/tcp":{},"443/tcp":{}},"Env":["PATH=/usr/bin"],"Entrypoint":null,
                   "Cmd":["sh"],"Volumes":{"/data":{}},"WorkingDir":"/srv","Labels":null,"StopSignal":"SIGQUIT","Image":"sha256:x"},
         "rootfs":{"type":"layers","diff_ids":["sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"]},
         "history":[{"created":"not a time","created_by":"/bin/sh -c #(nop) ADD file","empty_layer":false},
                    {"created_by":"/bin/sh -c #(nop)  CMD [\"sh\"]","empty_layer":true}]}
        """;

    [Fact]
    public void ParseConfig_DockerConfig_ReadsEveryField()
    {
        var config = ManifestJson.ParseConfig(Encoding.UTF8.GetBytes(DockerConfig));

        Assert.Equal("linux/arm/v7", Platforms.Format(config.Platform));
        Assert.Equal(new DateTimeOffset(2023, 5, 19, 20, 17, 42, TimeSpan.Zero).AddTicks(1234567), config.Created);
        var run = config.Config!;
        Assert.Equal("1000:1000", run.User);
        Assert.Equal(["80/tcp", "443/tcp"], run.ExposedPorts);
        Assert.Equal(["PATH=/usr/bin"], run.Env);
        Assert.Null(run.Entrypoint);
        Assert.Equal(["sh"], run.Cmd);
        Assert.Equal(["/data"], run.Volumes);
        Assert.Equal(("/srv", "SIGQUIT"), (run.WorkingDir, run.StopSignal));
        Assert.Null(run.Labels);
        Assert.Equal([Digest.Sha256("a"u8)], config.RootFs.DiffIds);
        Assert.Null(config.History[0].Created);
        Assert.True(config.History[1].EmptyLayer);
    }

    [Fact]
    public void Serialize_Config_SortsSetsAndDropsEmptyFields()
    {
        var config = new ImageConfig
        {
            Created = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(5000),
            Architecture = "amd64",
            Os = "linux",
            Config = new ContainerConfig { ExposedPorts = ["b/tcp", "a/udp"], Env = [], Labels = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } },
            RootFs = new RootFs { DiffIds = [Digest.Sha256("a"u8)] },
        };

        string json = Encoding.UTF8.GetString(ManifestJson.Serialize(config));

        Assert.Equal(
            """{"created":"2024-01-02T03:04:05.0005Z","architecture":"amd64","os":"linux","config":{"ExposedPorts":{"a/udp":{},"b/tcp":{}},"Labels":{"a":"1","b":"2"}},"rootfs":{"type":"layers","diff_ids":["sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"]}}""",
            json);
    }

    [Fact]
    public void Serialize_WholeSecond_HasNoFraction()
    {
        var config = new ImageConfig { Created = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), Os = "linux", Architecture = "amd64" };

        Assert.Contains("\"created\":\"2024-01-02T03:04:05+02:00\"", Encoding.UTF8.GetString(ManifestJson.Serialize(config)), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseConfig_NullLists_ReadAsEmpty()
    {
        var config = ManifestJson.ParseConfig("""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":null},"history":null}"""u8);

        Assert.Empty(config.RootFs.DiffIds);
        Assert.Empty(config.History);
    }
}
