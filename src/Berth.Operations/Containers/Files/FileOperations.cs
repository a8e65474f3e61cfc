using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Operations.Containers.Files;

/// <summary>
/// <c>cp</c> and <c>export</c>. As docker's client, <c>cp</c> applies the copy rules here (a trailing <c>/</c> or
/// <c>/.</c>, a destination that exists or not) around berthd's three calls: stat a path, read the tar of one, unpack
/// a tar into a folder.
/// </summary>
public static partial class FileOperations
{
    /// <summary><c>docker cp</c>, in either direction.</summary>
    public static async Task CopyAsync(IBerthClient client, ContainerCopyOptions options, CancellationToken cancellationToken)
    {
        var (source, destination) = CopyArgument.ParsePair(options.Source, options.Destination);
        long copied = source.Container is { } container
            ? await CopyOutAsync(client, container, source.Path, destination.Path, options, cancellationToken)
            : await CopyInAsync(client, source.Path, destination.Container!, destination.Path, options, cancellationToken);
        if (!options.Quiet && options.StderrIsTerminal && !source.IsStream && !destination.IsStream)
        {
            string where = destination.Container is null ? Path.GetFullPath(destination.Path) : destination.ToString();
            await options.Stderr.WriteLineAsync($"Successfully copied {HumanUnits.Size(copied)} to {where}".AsMemory(), cancellationToken);
        }
    }

    /// <summary><c>docker export</c>: the container's filesystem as a tar, to -o's file (complete or absent) or to standard output.</summary>
    public static async Task ExportAsync(IBerthClient client, ContainerExportOptions options, CancellationToken cancellationToken)
    {
        if (options.Output is null && options.StdoutIsTerminal)
        {
            throw new ClientException("cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }

        if (options.Output is null)
        {
            await client.Files.ExportAsync(options.Container, options.Stdout, cancellationToken);
            await options.Stdout.FlushAsync(cancellationToken);
            return;
        }

        string full = Path.GetFullPath(options.Output);
        string temporary = Path.Join(Path.GetDirectoryName(full), $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await client.Files.ExportAsync(options.Container, file, cancellationToken);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    // A path of the container as the daemon stats it; null when nothing is there.
    private static async Task<ContainerPathStat?> StatOrNullAsync(IBerthClient client, string container, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Files.StatPathAsync(container, path, cancellationToken);
        }
        catch (NotFoundException ex) when (ex.Message.StartsWith("Could not find the file", StringComparison.Ordinal))
        {
            return null;
        }
    }
}
