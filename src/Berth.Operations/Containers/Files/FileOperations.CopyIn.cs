using System.IO.Pipelines;
using Berth.Client;
using Berth.Core.Engine;
using Berth.Operations.Output;

namespace Berth.Operations.Containers.Files;

public static partial class FileOperations
{
    // Local (or "-", a tar as it is) to container. Returns the tar's size.
    private static async Task<long> CopyInAsync(IBerthClient client, string source, string container, string path, ContainerCopyOptions options,
        CancellationToken cancellationToken)
    {
        var destination = await ContainerDestinationAsync(client, container, path, cancellationToken);
        if (source == "-")
        {
            if (!destination.IsDirectory)
            {
                throw new ClientException($"destination \"{container}:{path}\" must be a directory");
            }

            await client.Files.CopyToAsync(container, Request(destination.Path, options), options.Stdin, cancellationToken);
            return 0;
        }

        var (local, name) = LocalSource(source, options.FollowLink);
        var plan = CopyPlan.Make(local, Directory.Exists(local) && new FileInfo(local).LinkTarget is null, name, destination);
        var pipe = new Pipe();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writing = WriteArchiveAsync(local, plan.To, pipe.Writer, stop.Token);
        try
        {
            await using var input = pipe.Reader.AsStream(leaveOpen: true);
            await client.Files.CopyToAsync(container, Request(plan.Folder, options), input, cancellationToken);
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
        finally
        {
            await pipe.Reader.CompleteAsync();
        }

        return await writing;
    }

    private static ContainerCopyTo Request(string folder, ContainerCopyOptions options) => new(folder) { CopyOwnerFromUser = options.Archive };

    // docker's destination in a container: a symlink there is followed (its target comes resolved from the daemon).
    private static async Task<CopyDestination> ContainerDestinationAsync(IBerthClient client, string container, string path, CancellationToken cancellationToken)
    {
        var stat = await StatOrNullAsync(client, container, path, cancellationToken);
        if (stat is { IsSymlink: true })
        {
            path = stat.LinkTarget;
            stat = await StatOrNullAsync(client, container, path, cancellationToken);
        }

        return new CopyDestination(path, stat is not null, stat is { IsDirectory: true });
    }

    // The local source, absolute; with -L a symlink is replaced by what it leads to, keeping its own name.
    private static (string Path, string? Name) LocalSource(string source, bool followLink)
    {
        string full = Path.GetFullPath(source);
        string keep = source.EndsWith("/.", StringComparison.Ordinal) ? "/." : string.Empty;
        full = full.Length > 1 ? full.TrimEnd('/') : full;
        var info = new FileInfo(full);
        if (!info.Exists && !Directory.Exists(full) && info.LinkTarget is null)
        {
            throw new ClientException($"lstat {full}: no such file or directory");
        }

        if (followLink && keep.Length == 0 && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
        {
            return (target.FullName, CopyPlan.Split(full).Name);
        }

        return (full + keep, null);
    }

    private static async Task<long> WriteArchiveAsync(string path, string name, PipeWriter writer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        await using var counted = new CountingStream(writer.AsStream(leaveOpen: true));
        try
        {
            await LocalArchive.WriteAsync(path.EndsWith("/.", StringComparison.Ordinal) ? path[..^2] : path, name, counted, cancellationToken);
        }
        catch (Exception ex)
        {
            await writer.CompleteAsync(ex);
            throw;
        }

        await writer.CompleteAsync();
        return counted.Count;
    }
}
