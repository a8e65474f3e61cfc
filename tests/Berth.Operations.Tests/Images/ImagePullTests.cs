using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Operations.Auth;
using Berth.Operations.Images;
using Berth.Operations.Tests.Fakes;
using Berth.Testing;

namespace Berth.Operations.Tests.Images;

public sealed class ImagePullTests : IDisposable
{
    private const string Ref = "docker.io/library/busybox:latest";
    private static readonly string Digest = "sha256:" + new string('d', 64);
    private readonly FakeBerthClient _client = new();
    private readonly TempDirectory _dir = new("docker-config");

    private static readonly TransferProgress[] Script =
    [
        new(Ref, TransferStatus.Resolving),
        new("9ad63333ebc9", TransferStatus.Waiting),
        new("9ad63333ebc9", TransferStatus.Downloading, 1000, 2000),
        new("9ad63333ebc9", TransferStatus.Downloading, 2000, 2000),
        new("9ad63333ebc9", TransferStatus.Verifying),
        new("9ad63333ebc9", TransferStatus.Downloaded),
        new("9ad63333ebc9", TransferStatus.Extracting, 1000, 2000),
        new("9ad63333ebc9", TransferStatus.Complete),
        new("aaaaaaaaaaaa", TransferStatus.AlreadyExists),
        new(Ref, TransferStatus.Done) { Detail = Digest },
    ];

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Pull_NotATerminal_PlainLinesWhenALayerChangesState()
    {
        _client.Transfers.Script = Script;

        string output = await PullAsync("busybox");

        Assert.Equal(
            "Using default tag: latest\n" +
            "latest: Pulling from library/busybox\n" +
            "9ad63333ebc9: Waiting\n" +
            "9ad63333ebc9: Verifying Checksum\n" +
            "9ad63333ebc9: Download complete\n" +
            "9ad63333ebc9: Pull complete\n" +
            "aaaaaaaaaaaa: Already exists\n" +
            $"Digest: {Digest}\n" +
            "Status: Downloaded newer image for busybox:latest\n" +
            "docker.io/library/busybox:latest\n", output);
    }

    [Fact]
    public async Task Pull_Terminal_RedrawsEachLayersLineInPlace()
    {
        _client.Transfers.Script =
        [
            new("a", TransferStatus.Waiting),
            new("a", TransferStatus.Downloading, 1000, 2000),
            new("b", TransferStatus.AlreadyExists),
            new("a", TransferStatus.Complete),
            new(Ref, TransferStatus.Done) { Detail = Digest },
        ];

        string output = await PullAsync("busybox:latest", terminal: true);

        const string E = "\u001b[";
        string bar = "[" + new string('=', 25) + ">" + new string(' ', 25) + "]      1kB/2kB";
        Assert.Equal(
            "latest: Pulling from library/busybox\n" +
            $"\n{E}1A{E}2K\ra: Waiting \r{E}1B" +
            $"{E}1A{E}2K\ra: Downloading {bar}\r{E}1B" +
            $"\n{E}1A{E}2K\rb: Already exists \r{E}1B" +
            $"{E}2A{E}2K\ra: Pull complete \r{E}2B" +
            $"Digest: {Digest}\nStatus: Downloaded newer image for busybox:latest\ndocker.io/library/busybox:latest\n", output);
    }

    [Fact]
    public async Task Pull_NameAlreadyAtThatDigest_ImageIsUpToDate()
    {
        await _client.Images.CreateAsync(new Image(Ref, new Descriptor(MediaTypes.OciIndex, Oci.Digest.Parse(Digest), 1)), TestContext.Current.CancellationToken);
        _client.Transfers.Script = [new("aaaaaaaaaaaa", TransferStatus.AlreadyExists), new(Ref, TransferStatus.Done) { Detail = Digest }];

        string output = await PullAsync("busybox");

        Assert.Contains("\nStatus: Image is up to date for busybox:latest\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_Quiet_OnlyTheFullName()
    {
        _client.Transfers.Script = Script;

        Assert.Equal("docker.io/library/busybox:latest\n", await PullAsync("busybox", quiet: true));
    }

    [Fact]
    public async Task Pull_ByDigest_AnnouncesTheDigest()
    {
        string pinned = "busybox@" + Digest;
        _client.Transfers.Script = [new(Ref, TransferStatus.Done) { Detail = Digest }];

        string output = await PullAsync(pinned);

        Assert.StartsWith($"{Digest}: Pulling from library/busybox\nDigest: {Digest}\nStatus: Downloaded newer image for {pinned}\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_StreamEndsWithoutResult_InternalError()
    {
        _client.Transfers.Script = Script[..3];

        await Assert.ThrowsAsync<InternalException>(() => PullAsync("busybox"));
    }

    [Fact]
    public async Task Pull_CredentialsAndPlatform_SentWithTheRequest()
    {
        await File.WriteAllTextAsync(_dir.Combine("config.json"), """{"auths":{"127.0.0.1:5000":{"auth":"bWU6c2VjcmV0"}}}""", TestContext.Current.CancellationToken);
        _client.Transfers.Script = [new("x", TransferStatus.Done) { Detail = Digest }];

        await PullAsync("127.0.0.1:5000/test/app:v1", platform: "linux/arm64/v8");

        var request = _client.Transfers.LastPull!;
        Assert.Equal(("me", "secret"), (request.Credentials!.Username, request.Credentials.Password));
        Assert.Equal(new Platform("linux", "arm64"), request.Platform);
        Assert.Equal("127.0.0.1:5000/test/app:v1", request.Reference);
    }

    private async Task<string> PullAsync(string reference, bool terminal = false, bool quiet = false, string? platform = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        await ImageOperations.PullAsync(_client, new ImagePullOptions
        {
            Reference = reference,
            Platform = platform,
            Quiet = quiet,
            Credentials = new CredentialStore(DockerConfigFile.Load(_dir.Combine("config.json"))),
            Stdout = output,
            IsTerminal = terminal,
            TerminalWidth = 120,
            Time = new FixedTime(DateTimeOffset.UnixEpoch),
        }, TestContext.Current.CancellationToken);
        return output.ToString();
    }
}
