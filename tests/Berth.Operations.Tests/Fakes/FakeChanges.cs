using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;

namespace Berth.Operations.Tests.Fakes;

/// <summary>berthd's Changes service in memory: scripted diffs by container, and every commit request recorded.</summary>
internal sealed class FakeChanges : IContainerChangesClient
{
    public Dictionary<string, IReadOnlyList<FileChange>> Diffs { get; } = [];

    public List<ContainerCommit> Commits { get; } = [];

    public ValueTask<IReadOnlyList<FileChange>> DiffAsync(string container, CancellationToken cancellationToken = default)
        => Diffs.TryGetValue(container, out var changes)
            ? ValueTask.FromResult(changes)
            : throw new NotFoundException($"No such container: {container}");

    public ValueTask<string> CommitAsync(ContainerCommit request, CancellationToken cancellationToken = default)
    {
        if (!Diffs.ContainsKey(request.Container))
        {
            throw new NotFoundException($"No such container: {request.Container}");
        }

        Commits.Add(request);
        return ValueTask.FromResult("sha256:" + new string('a', 64));
    }
}
