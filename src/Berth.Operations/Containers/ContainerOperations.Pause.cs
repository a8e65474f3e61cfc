using Berth.Client;
using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

public static partial class ContainerOperations
{
    /// <summary>`docker pause`: freezes each container, printing each name paused.</summary>
    public static Task<int> PauseAsync(IBerthClient client, ContainerBatchOptions options, CancellationToken cancellationToken)
        => EachAsync(options, async name =>
        {
            await client.Engine.PauseAsync(name, cancellationToken);
            return name;
        });

    /// <summary>`docker unpause`: thaws each container, printing each name thawed.</summary>
    public static Task<int> UnpauseAsync(IBerthClient client, ContainerBatchOptions options, CancellationToken cancellationToken)
        => EachAsync(options, async name =>
        {
            await client.Engine.UnpauseAsync(name, cancellationToken);
            return name;
        });

    /// <summary>
    /// `docker rename`: silent on success; a failure is the daemon's words, then docker's CLI's own line naming the
    /// container (exit 1).
    /// </summary>
    public static async Task RenameAsync(IBerthClient client, ContainerRenameOptions options, CancellationToken cancellationToken)
    {
        string container = options.Container.Trim();
        string name = options.NewName.Trim();
        if (container.Length == 0 || name.Length == 0)
        {
            throw new ClientException("Error: Neither old nor new names may be empty");
        }

        try
        {
            // dockerd refuses the name the container has already; the engine would accept it, so it is checked here.
            var details = await client.Engine.InspectAsync(container, cancellationToken);
            if (details.Name == name.TrimStart('/'))
            {
                throw new InvalidArgumentException("Renaming a container with the same name as its current name");
            }

            await client.Engine.RenameAsync(details.Id, name, cancellationToken);
        }
        catch (BerthException ex) when (ex is not UnavailableException)
        {
            throw new ClientException($"Error response from daemon: {AllocationError(ex)}\nError: failed to rename container named {container}");
        }
    }

    // dockerd says which step refused the name: the name's allocation (taken, or not a valid name).
    private static string AllocationError(BerthException ex)
    {
        const string Prefix = "Error when allocating new name: ";
        bool allocation = ex is AlreadyExistsException || (ex is InvalidArgumentException && ex.Message.StartsWith("Invalid container name", StringComparison.Ordinal));
        return allocation && !ex.Message.StartsWith(Prefix, StringComparison.Ordinal) ? Prefix + ex.Message : ex.Message;
    }
}
