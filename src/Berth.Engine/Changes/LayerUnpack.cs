using System.Security.Cryptography;
using Berth.Core.Diff;
using Berth.Core.Errors;
using Berth.Core.Snapshots;
using Berth.Oci;

namespace Berth.Engine.Changes;

/// <summary>
/// A committed layer made into the snapshot its chain id names, as a pull unpacks one: applied onto a new snapshot of
/// the image's top and committed. The container's own snapshot cannot serve: it is active (and may go on changing),
/// and only an active snapshot can be committed, which would take it from the container.
/// </summary>
internal static class LayerUnpack
{
    /// <summary>The label containerd's unpacker puts on a snapshot: the chain id it holds.</summary>
    private const string SnapshotRef = "containerd.io/snapshot.ref";

    public static async ValueTask UnpackAsync(ISnapshotter snapshots, IDiffApplier diff, Descriptor layer, string? parent, string chainId,
        CancellationToken cancellationToken)
    {
        string key = $"extract-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))} {chainId}";
        var mounts = await snapshots.PrepareAsync(key, parent, null, cancellationToken);
        try
        {
            await diff.ApplyAsync(layer, mounts, null, cancellationToken);
            await snapshots.CommitAsync(chainId, key, new Dictionary<string, string> { [SnapshotRef] = chainId }, cancellationToken);
        }
        catch (AlreadyExistsException)
        {
            // The same layer on the same image was committed before: its snapshot serves.
            await RemoveQuietlyAsync(snapshots, key);
        }
        catch
        {
            await RemoveQuietlyAsync(snapshots, key);
            throw;
        }
    }

    private static async ValueTask RemoveQuietlyAsync(ISnapshotter snapshots, string key)
    {
        try
        {
            await snapshots.RemoveAsync(key, CancellationToken.None);
        }
        catch (BerthException)
        {
        }
    }
}
