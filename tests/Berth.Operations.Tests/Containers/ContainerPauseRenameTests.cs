using Berth.Core.Errors;
using Berth.Operations.Containers;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;

namespace Berth.Operations.Tests.Containers;

/// <summary>pause, unpause and rename: names and refusals as docker prints them.</summary>
public sealed class ContainerPauseRenameTests
{
    private readonly FakeBerthClient _client = new();
    private readonly StringWriter _stdout = new() { NewLine = "\n" };
    private readonly StringWriter _stderr = new() { NewLine = "\n" };

    public ContainerPauseRenameTests() => _client.EngineFake.Containers.AddRange(TestContainers.All);

    private ContainerBatchOptions Batch(params string[] names) => new() { Containers = names, Stdout = _stdout, Stderr = _stderr };

    private List<string> Calls => _client.EngineFake.Calls;

    private Task RenameAsync(string container, string name)
        => ContainerOperations.RenameAsync(_client, new ContainerRenameOptions { Container = container, NewName = name }, CancellationToken.None);

    [Fact]
    public async Task Pause_PrintsEachNameAndEachErrorInOrder()
    {
        int code = await ContainerOperations.PauseAsync(_client, Batch("runner", "nosuch"), CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Equal("runner\n", _stdout.ToString());
        Assert.Equal("Error response from daemon: No such container: nosuch\n", _stderr.ToString());
        Assert.Equal([$"pause {TestContainers.Runner.Id}"], Calls);
    }

    [Fact]
    public async Task Unpause_PrintsEachName()
    {
        Assert.Equal(0, await ContainerOperations.UnpauseAsync(_client, Batch("runner", TestContainers.Web.Id[..6]), CancellationToken.None));

        Assert.Equal($"runner\n{TestContainers.Web.Id[..6]}\n", _stdout.ToString());
        Assert.Equal([$"unpause {TestContainers.Runner.Id}", $"unpause {TestContainers.Web.Id}"], Calls);
    }

    [Fact]
    public async Task Rename_SilentOnSuccess_LeadingSlashAccepted()
    {
        await RenameAsync("runner", "/fresh");

        Assert.Contains($"rename {TestContainers.Runner.Id} /fresh", Calls);
    }

    [Fact]
    public async Task Rename_SameName_RefusedAsDockerdRefusesIt()
    {
        var refused = await Assert.ThrowsAsync<ClientException>(() => RenameAsync("runner", "runner"));

        Assert.Equal("Error response from daemon: Renaming a container with the same name as its current name\nError: failed to rename container named runner",
            refused.Message);
        Assert.DoesNotContain(Calls, c => c.StartsWith("rename", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rename_NameTaken_TheAllocationIsNamed()
    {
        const string Conflict = "Conflict. The container name \"/web\" is already in use by container \"56ee\". You have to remove (or rename) that container to be able to reuse that name.";
        _client.EngineFake.RenameFailure = new AlreadyExistsException(Conflict);

        var refused = await Assert.ThrowsAsync<ClientException>(() => RenameAsync("runner", "web"));

        Assert.Equal($"Error response from daemon: Error when allocating new name: {Conflict}\nError: failed to rename container named runner", refused.Message);
        Assert.Equal(1, refused.ExitCode);
    }

    [Fact]
    public async Task Rename_Missing_Or_EmptyNames()
    {
        var missing = await Assert.ThrowsAsync<ClientException>(() => RenameAsync("nosuch", "x"));
        var empty = await Assert.ThrowsAsync<ClientException>(() => RenameAsync("runner", " "));

        Assert.Equal("Error response from daemon: No such container: nosuch\nError: failed to rename container named nosuch", missing.Message);
        Assert.Equal("Error: Neither old nor new names may be empty", empty.Message);
    }
}
