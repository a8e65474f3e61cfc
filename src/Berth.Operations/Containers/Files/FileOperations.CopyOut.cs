using System.IO.Pipelines;
using Berth.Client;
using Berth.Operations.Output;

namespace Berth.Operations.Containers.Files;

public static partial class FileOperations
{
    // Container to local (or to "-", the daemon's tar as it is). Returns the tar's size.
    private static async Task<long> CopyOutAsync(IBerthClient client, string container, string path, string destination, ContainerCopyOptions options,
        CancellationToken cancellationToken)
    {
        var stat = await client.Files.StatPathAsync(container, path, cancellationToken);
        string? renamed = null;
        if (options.FollowLink && stat.IsSymlink)
        {
            // The link's target is copied under the link's own name.
            renamed = CopyPlan.Split(path).Name;
            path = stat.LinkTarget + (path.EndsWith('/') ? "/" : string.Empty);
            stat = await client.Files.StatPathAsync(container, path, cancellationToken);
        }

        if (destination == "-")
        {
            await client.Files.CopyFromAsync(container, path, options.Stdout, cancellationToken);
            await options.Stdout.FlushAsync(cancellationToken);
            return 0;
        }

        var plan = CopyPlan.Make(path, stat.IsDirectory, renamed, LocalDestination(destination));
        // The tar is unpacked as it comes; a failure on either side ends the other.
        var pipe = new Pipe();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = ReadIntoAsync(client, container, path, pipe.Writer, stop.Token);
        try
        {
            await using var input = pipe.Reader.AsStream(leaveOpen: true);
            await new LocalExtractor(plan).ExtractAsync(input, cancellationToken);
            await input.CopyToAsync(Stream.Null, cancellationToken); // the tar's padding after its end
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

        return await reading;
    }

    private static async Task<long> ReadIntoAsync(IBerthClient client, string container, string path, PipeWriter writer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        await using var counted = new CountingStream(writer.AsStream(leaveOpen: true));
        try
        {
            await client.Files.CopyFromAsync(container, path, counted, cancellationToken);
        }
        catch (Exception ex)
        {
            // The reader's next read throws it: the daemon's error, not a truncated tar, is what the user sees.
            await writer.CompleteAsync(ex);
            throw;
        }

        await writer.CompleteAsync();
        return counted.Count;
    }

    // docker's output path checks: the parent folder must exist; a symlink there is followed. A trailing "/" or "/." stays.
    private static CopyDestination LocalDestination(string destination)
    {
        string keep = destination.EndsWith("/.", StringComparison.Ordinal) ? "/." : destination.EndsWith('/') ? "/" : string.Empty;
        string full = Path.GetFullPath(destination).TrimEnd('/');
        full = full.Length == 0 ? "/" : full;
        string folder = Path.GetDirectoryName(full) ?? "/";
        if (!Directory.Exists(folder))
        {
            throw new ClientException($"invalid output path: directory \"{folder}\" does not exist");
        }

        if (keep.Length == 0 && new FileInfo(full).LinkTarget is not null && new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } target)
        {
            full = target.FullName;
        }

        bool isFolder = Directory.Exists(full);
        return new CopyDestination(full == "/" ? "/" : full + keep, isFolder || File.Exists(full), isFolder);
    }
}
