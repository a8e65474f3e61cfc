using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Containers.Changes;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;

namespace Berth.Operations.Tests.Containers.Changes;

/// <summary>diff's lines and commit's request and output, as docker prints and sends them.</summary>
public sealed class ContainerChangesOperationsTests
{
    private readonly FakeBerthClient _client = new();
    private readonly StringWriter _stdout = new() { NewLine = "\n" };

    private Task CommitAsync(string? repository, params string[] changes)
        => ContainerChangesOperations.CommitAsync(_client, new ContainerCommitOptions
        {
            Container = "web", Repository = repository, Changes = changes, Author = "Me <me@x>", Message = "msg", Stdout = _stdout,
        }, CancellationToken.None);

    [Fact]
    public async Task Diff_PrintsALetterAndThePathPerChange()
    {
        _client.ChangesFake.Diffs["web"] = [new(FileChangeKind.Changed, "/etc"), new(FileChangeKind.Added, "/etc/x"), new(FileChangeKind.Deleted, "/tmp/y")];

        await ContainerChangesOperations.DiffAsync(_client, new ContainerDiffOptions { Container = "web", Stdout = _stdout }, CancellationToken.None);

        Assert.Equal("C /etc\nA /etc/x\nD /tmp/y\n", _stdout.ToString());
    }

    [Fact]
    public async Task Diff_MissingContainer_IsTheDaemonsNotFound()
        => await Assert.ThrowsAsync<NotFoundException>(() =>
            ContainerChangesOperations.DiffAsync(_client, new ContainerDiffOptions { Container = "nosuch", Stdout = _stdout }, CancellationToken.None));

    [Fact]
    public async Task Commit_SendsTheFullReferenceAndParsedChanges_PrintsTheId()
    {
        _client.ChangesFake.Diffs["web"] = [];

        await CommitAsync("app:v1", "CMD [\"cat\"]", "ENV A=1");

        var request = Assert.Single(_client.ChangesFake.Commits);
        Assert.Equal("docker.io/library/app:v1", request.Reference);
        Assert.Equal(("Me <me@x>", "msg", true), (request.Author, request.Message, request.Pause));
        Assert.Equal([ConfigInstruction.Cmd, ConfigInstruction.Env], request.Changes.Select(c => c.Instruction));
        Assert.Equal($"sha256:{new string('a', 64)}\n", _stdout.ToString());
    }

    [Fact]
    public async Task Commit_WithoutRepository_AsksForAnImageWithoutName()
    {
        _client.ChangesFake.Diffs["web"] = [];

        await CommitAsync(null);

        Assert.Null(Assert.Single(_client.ChangesFake.Commits).Reference);
    }

    [Fact]
    public async Task Commit_BadReference_FailsBeforeAskingTheDaemon()
    {
        _client.ChangesFake.Diffs["web"] = [];

        var error = await Assert.ThrowsAsync<ClientException>(() => CommitAsync("Bad:Name"));

        Assert.Equal("invalid reference format: repository name (library/Bad) must be lowercase", error.Message);
        Assert.Empty(_client.ChangesFake.Commits);
    }

    [Fact]
    public async Task Commit_BadChange_FailsBeforeAskingTheDaemon()
    {
        _client.ChangesFake.Diffs["web"] = [];

        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => CommitAsync("app", "FOO bar"));

        Assert.Equal("foo is not a valid change command", error.Message);
        Assert.Empty(_client.ChangesFake.Commits);
    }
}
