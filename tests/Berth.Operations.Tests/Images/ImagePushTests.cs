using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Operations.Auth;
using Berth.Operations.Images;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;
using Berth.Testing;

namespace Berth.Operations.Tests.Images;

public sealed class ImagePushTests : IDisposable
{
    private const string Ref = "127.0.0.1:5000/test/app:latest";
    private static readonly string Digest = "sha256:" + new string('d', 64);
    private readonly FakeBerthClient _client = new();
    private readonly TempDirectory _dir = new("docker-config");

    private static readonly TransferProgress[] Script =
    [
        new("9ad63333ebc9", TransferStatus.Waiting),
        new("aaaaaaaaaaaa", TransferStatus.Waiting),
        new("bbbbbbbbbbbb", TransferStatus.Waiting),
        new("9ad63333ebc9", TransferStatus.Pushing, 1000, 2000),
        new("9ad63333ebc9", TransferStatus.Pushing, 2000, 2000),
        new("aaaaaaaaaaaa", TransferStatus.AlreadyExists, 10, 10),
        new("bbbbbbbbbbbb", TransferStatus.Mounted, 10, 10) { Detail = "library/busybox" },
        new("9ad63333ebc9", TransferStatus.Pushed, 2000, 2000),
        new(Ref, TransferStatus.Done, 527, 527) { Detail = Digest },
    ];

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Push_NotATerminal_DockersLinesWithoutBars()
    {
        _client.Transfers.Script = Script;

        string output = await PushAsync("127.0.0.1:5000/test/app");

        Assert.Equal(
            "Using default tag: latest\n" +
            "The push refers to repository [127.0.0.1:5000/test/app]\n" +
            "9ad63333ebc9: Preparing\n" +
            "aaaaaaaaaaaa: Preparing\n" +
            "bbbbbbbbbbbb: Preparing\n" +
            "aaaaaaaaaaaa: Layer already exists\n" +
            "bbbbbbbbbbbb: Mounted from library/busybox\n" +
            "9ad63333ebc9: Pushed\n" +
            $"latest: digest: {Digest} size: 527\n", output);
    }

    [Fact]
    public async Task Push_Terminal_RedrawsEachLayersLineWithItsBar()
    {
        _client.Transfers.Script =
        [
            new("a", TransferStatus.Waiting),
            new("b", TransferStatus.Waiting),
            new("a", TransferStatus.Pushing, 1000, 2000),
            new("b", TransferStatus.AlreadyExists),
            new("a", TransferStatus.Pushed, 2000, 2000),
            new(Ref, TransferStatus.Done, 527, 527) { Detail = Digest },
        ];

        string output = await PushAsync("127.0.0.1:5000/test/app:latest", terminal: true);

        const string E = "\u001b[";
        string bar = "[" + new string('=', 25) + ">" + new string(' ', 25) + "]      1kB/2kB";
        Assert.Equal(
            "The push refers to repository [127.0.0.1:5000/test/app]\n" +
            $"\n{E}1A{E}2K\ra: Preparing \r{E}1B" +
            $"\n{E}1A{E}2K\rb: Preparing \r{E}1B" +
            $"{E}2A{E}2K\ra: Pushing {bar}\r{E}2B" +
            $"{E}1A{E}2K\rb: Layer already exists \r{E}1B" +
            $"{E}2A{E}2K\ra: Pushed \r{E}2B" +
            $"latest: digest: {Digest} size: 527\n", output);
    }

    [Fact]
    public async Task Push_Quiet_OnlyTheNameAsGiven()
    {
        _client.Transfers.Script = Script;

        Assert.Equal("127.0.0.1:5000/test/app\n", await PushAsync("127.0.0.1:5000/test/app", quiet: true));
        Assert.Equal("127.0.0.1:5000/test/app:v2\n", await PushAsync("127.0.0.1:5000/test/app:v2", quiet: true));
    }

    [Fact]
    public async Task Push_CredentialsAndPlatform_SentWithTheRequest()
    {
        await File.WriteAllTextAsync(_dir.Combine("config.json"), """{"auths":{"127.0.0.1:5000":{"auth":"bWU6c2VjcmV0"}}}""", TestContext.Current.CancellationToken);
        _client.Transfers.Script = [new(Ref, TransferStatus.Done, 1, 1) { Detail = Digest }];

        await PushAsync("127.0.0.1:5000/test/app:v1", platform: "linux/arm64");

        var request = Assert.Single(_client.Transfers.Pushes);
        Assert.Equal(("me", "secret"), (request.Credentials!.Username, request.Credentials.Password));
        Assert.Equal(new Platform("linux", "arm64"), request.Platform);
        Assert.Equal("127.0.0.1:5000/test/app:v1", request.Reference);
    }

    [Fact]
    public async Task Push_AllTags_PushesEveryLocalTagOfTheRepository()
    {
        var target = new Descriptor(MediaTypes.OciManifest, Oci.Digest.Parse(Digest), 527);
        foreach (string name in new[] { "127.0.0.1:5000/test/app:v2", "127.0.0.1:5000/test/app:v1", "127.0.0.1:5000/test/other:v1", "127.0.0.1:5000/test/app@" + Digest })
        {
            await _client.Images.CreateAsync(new Image(name, target), TestContext.Current.CancellationToken);
        }

        _client.Transfers.Script = [new(Ref, TransferStatus.Done, 527, 527) { Detail = Digest }];

        string output = await PushAsync("127.0.0.1:5000/test/app", allTags: true);

        Assert.Equal(["127.0.0.1:5000/test/app:v1", "127.0.0.1:5000/test/app:v2"], _client.Transfers.Pushes.Select(p => p.Reference));
        Assert.Equal(
            "The push refers to repository [127.0.0.1:5000/test/app]\n" +
            $"v1: digest: {Digest} size: 527\n" +
            $"v2: digest: {Digest} size: 527\n", output);
    }

    [Fact]
    public async Task Push_AllTagsWithATag_UsageError()
    {
        var error = await Assert.ThrowsAsync<ClientException>(() => PushAsync("127.0.0.1:5000/test/app:v1", allTags: true));

        Assert.Equal(("tag can't be used with --all-tags/-a", 125), (error.Message, error.ExitCode));
    }

    [Fact]
    public async Task Push_DaemonHasNoSuchImage_ItsErrorAfterTheRepositoryLine()
    {
        _client.Transfers.PushFailure = new NotFoundException("An image does not exist locally with the tag: 127.0.0.1:5000/test/app");
        var output = new StringWriter { NewLine = "\n" };

        var error = await Assert.ThrowsAsync<NotFoundException>(() => PushAsync("127.0.0.1:5000/test/app:v1", output: output));

        Assert.Equal("An image does not exist locally with the tag: 127.0.0.1:5000/test/app", error.Message);
        Assert.Equal("The push refers to repository [127.0.0.1:5000/test/app]\n", output.ToString());
    }

    [Fact]
    public async Task Push_StreamEndsWithoutResult_InternalError()
    {
        _client.Transfers.Script = Script[..3];

        await Assert.ThrowsAsync<InternalException>(() => PushAsync("127.0.0.1:5000/test/app"));
    }

    private async Task<string> PushAsync(string reference, bool terminal = false, bool quiet = false, bool allTags = false, string? platform = null,
        StringWriter? output = null)
    {
        output ??= new StringWriter { NewLine = "\n" };
        await ImageOperations.PushAsync(_client, new ImagePushOptions
        {
            Reference = reference,
            Platform = platform,
            Quiet = quiet,
            AllTags = allTags,
            Credentials = new CredentialStore(DockerConfigFile.Load(_dir.Combine("config.json"))),
            Stdout = output,
            IsTerminal = terminal,
            TerminalWidth = 120,
            Time = new FixedTime(DateTimeOffset.UnixEpoch),
        }, TestContext.Current.CancellationToken);
        return output.ToString();
    }
}
