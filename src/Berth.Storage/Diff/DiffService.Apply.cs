using Berth.Linux.Mounts;
using System.Formats.Tar;
using Berth.Core.Content;
using Berth.Core.Diff;
using Berth.Core.Errors;
using Berth.Core.Mounts;
using Berth.Linux;
using Berth.Oci;
using Berth.Storage.Diff.Apply;
using Berth.Storage.Diff.Compression;
using Berth.Storage.Diff.Tar;

namespace Berth.Storage.Diff;

public sealed partial class DiffService
{
    /// <inheritdoc />
    public async ValueTask<Descriptor> ApplyAsync(Descriptor layer, IReadOnlyList<Mount> mounts, DiffApplyOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        CheckApply(layer, mounts);
        var blob = await content.OpenReadAsync(layer.Digest, cancellationToken);
        await using (blob)
        {
            return await ApplyToMountsAsync(layer, blob, mounts, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask<Descriptor> ApplyAsync(Descriptor layer, IContentReader blob, IReadOnlyList<Mount> mounts,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        CheckApply(layer, mounts);
        return await ApplyToMountsAsync(layer, blob, mounts, cancellationToken);
    }

    private static void CheckApply(Descriptor layer, IReadOnlyList<Mount> mounts)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(mounts);
        RequireLayerMediaType(layer.MediaType);
        if (mounts.Count == 0)
        {
            throw new InvalidArgumentException($"cannot apply layer {layer.Digest}: no mounts given to apply it to");
        }

        if (mounts.FirstOrDefault(m => m.IsReadOnly) is { } readOnly)
        {
            throw new InvalidArgumentException($"cannot apply layer {layer.Digest} to the read-only mount of {readOnly.Source}: give a writable snapshot");
        }
    }

    private async Task<Descriptor> ApplyToMountsAsync(Descriptor layer, IContentReader blob, IReadOnlyList<Mount> mounts,
        CancellationToken cancellationToken)
    {
        if (mounts is [{ Type: "bind" or "rbind" } bind])
        {
            return await ApplyToFolderAsync(layer, blob, bind.Source, [], ApplyMode.Plain, cancellationToken);
        }

        if (mounts is [{ Type: "overlay" } overlay] && overlay.Option("upperdir") is { Length: > 0 } upper)
        {
            string[] lowers = overlay.Option("lowerdir")?.Split(':', StringSplitOptions.RemoveEmptyEntries) ?? [];
            return await ApplyToFolderAsync(layer, blob, upper, lowers, ApplyMode.Overlay, cancellationToken);
        }

        using var mounted = TempMount.Mount(syscalls, scratchRoot, mounts, readOnly: false, _logger);
        return await ApplyToFolderAsync(layer, blob, mounted.Root, [], ApplyMode.Plain, cancellationToken);
    }

    private async Task<Descriptor> ApplyToFolderAsync(Descriptor layer, IContentReader blob, string root, IReadOnlyList<string> lowers,
        ApplyMode mode, CancellationToken cancellationToken)
    {
        if (syscalls.Lstat(root) is not { Kind: FileKind.Directory })
        {
            throw new NotFoundException($"cannot apply layer {layer.Digest}: the snapshot folder {root} does not exist");
        }

        var (tar, compression) = await LayerDecompression.OpenAsync(blob, layer.Digest, cancellationToken);
        // Decompression runs ahead on another core while this one writes the files.
        await using var tarStream = compression == LayerCompression.None ? tar : new ReadAheadStream(tar);
        await using var tap = new TarStreamTap(tarStream);
        var journal = new ApplyJournal(root, syscalls, _logger);
        try
        {
            var reader = new TarReader(tap, leaveOpen: true);
            await using (reader)
            {
                // Disposed before a rollback: no writer is still creating a file while the journal undoes the layer.
                await using var writers = new FileWriters(FileWriters.DefaultWorkers);
                var applier = new LayerApplier(new LayerView(root, lowers, mode, syscalls, writers), journal, writers, syscalls, _logger);
                await applier.ApplyAsync(reader, tap, cancellationToken);
            }

            // What follows the tar's end still counts in the diff ID, and the gzip trailer is checked on the way.
            await tap.CopyToAsync(Stream.Null, cancellationToken);
        }
        catch (Exception ex)
        {
            journal.Rollback();
            var error = Translate(ex, layer, root, compression);
            DiffLog.RolledBack(_logger, layer.Digest.ToString(), root, error.Message);
            if (ReferenceEquals(error, ex))
            {
                throw;
            }

            throw error;
        }

        // The layer is in place: a failure from here on must not roll it back half-way.
        try
        {
            journal.Commit();
        }
        catch (IOException ex)
        {
            throw new InternalException(
                $"layer {layer.Digest} was applied to {root}, but its backup folder {journal.BackupName} could not be removed: {ex.Message}", ex);
        }

        var applied = new Descriptor(MediaTypes.OciLayer, tap.Digest(), tap.Length64);
        DiffLog.Applied(_logger, layer.Digest.ToString(), root, mode.ToString(), applied.Size, applied.Digest.ToString());
        return applied;
    }

    private static Exception Translate(Exception ex, Descriptor layer, string root, LayerCompression compression)
    {
        string format = compression switch
        {
            LayerCompression.Gzip => "gzip-compressed tar",
            LayerCompression.Zstd => "zstd-compressed tar",
            _ => "tar",
        };
        return ex switch
        {
            BerthException or OperationCanceledException => ex,
            IOException io when io.HResult is 28 or 122 => new ResourceExhaustedException(
                $"no space left to apply layer {layer.Digest} to {root}; nothing of it was kept: free space and retry", ex),
            InvalidDataException or FormatException or EndOfStreamException or ZstdSharp.ZstdException => new InvalidArgumentException(
                $"layer {layer.Digest} is not a valid {format} stream ({ex.Message}); nothing of it was kept", ex),
            UnauthorizedAccessException => new PermissionDeniedException($"applying layer {layer.Digest} to {root}: {ex.Message}", ex),
            IOException => new InternalException($"applying layer {layer.Digest} to {root} failed and was rolled back: {ex.Message}", ex),
            _ => ex,
        };
    }
}
