using Berth.Client;
using Berth.Core.Engine;
using Berth.Oci;
using Berth.Operations.Output;

namespace Berth.Operations.Containers.Changes;

/// <summary>docker diff and docker commit.</summary>
public static class ContainerChangesOperations
{
    /// <summary>`docker diff`: one line per changed path, <c>A</c>dded, <c>C</c>hanged or <c>D</c>eleted.</summary>
    public static async Task DiffAsync(IBerthClient client, ContainerDiffOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var change in await client.Changes.DiffAsync(options.Container, cancellationToken))
        {
            await options.Stdout.WriteLineAsync($"{Letter(change.Kind)} {change.Path}".AsMemory(), cancellationToken);
        }
    }

    /// <summary>
    /// `docker commit`: the changes are read here (a bad one fails before the daemon is asked), the name checked as
    /// docker's CLI checks it; prints the new image's id.
    /// </summary>
    public static async Task CommitAsync(IBerthClient client, ContainerCommitOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var changes = ConfigChangeParser.ParseAll(options.Changes);
        var request = new ContainerCommit(options.Container)
        {
            Reference = Reference(options.Repository),
            Author = options.Author,
            Message = options.Message,
            Changes = changes,
            Pause = options.Pause,
        };
        string id = await client.Changes.CommitAsync(request, cancellationToken);
        await options.Stdout.WriteLineAsync(id.AsMemory(), cancellationToken);
    }

    /// <summary>docker's letter for a change.</summary>
    public static char Letter(FileChangeKind kind) => kind switch
    {
        FileChangeKind.Added => 'A',
        FileChangeKind.Deleted => 'D',
        _ => 'C',
    };

    // REPOSITORY[:TAG] in full (busybox is docker.io/library/busybox:latest); a digest names no new image.
    private static string? Reference(string? repository)
    {
        if (string.IsNullOrEmpty(repository))
        {
            return null;
        }

        if (!ImageReference.TryParse(repository, out var reference, out string? error))
        {
            throw new ClientException(error);
        }

        return reference.Digest is null
            ? reference.ToString()
            : throw new ClientException($"refusing to create a tag with a digest reference: {repository}: give REPOSITORY[:TAG]");
    }
}
