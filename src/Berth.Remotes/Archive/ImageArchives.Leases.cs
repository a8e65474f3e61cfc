using System.Globalization;
using System.Security.Cryptography;
using Berth.Core.Errors;
using Berth.Core.Labels;
using Berth.Core.Leases;
using Berth.Core.Metadata;
using Berth.Oci;

namespace Berth.Remotes.Archive;

internal sealed partial class ImageArchives
{
    // A transfer's lease outlives a daemon that died during it by a day at most: the collector then takes what it held.
    private static readonly TimeSpan LeaseExpiry = TimeSpan.FromHours(24);

    private async Task<string> CreateLeaseAsync(INamespaceScope scope, string purpose, CancellationToken cancellationToken)
    {
        string leaseId = $"{purpose}-{_time.GetUtcNow().ToUnixTimeMilliseconds()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        string expiry = (_time.GetUtcNow() + LeaseExpiry).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        await scope.Leases.CreateAsync(leaseId, new Dictionary<string, string> { [LabelSet.GcExpire] = expiry }, cancellationToken);
        return leaseId;
    }

    private static async Task HoldAsync(INamespaceScope scope, string leaseId, IEnumerable<Descriptor> blobs, CancellationToken cancellationToken)
    {
        foreach (var blob in blobs)
        {
            await scope.Leases.AddResourceAsync(leaseId, new LeaseResource(blob.Digest.ToString(), "content"), cancellationToken);
        }
    }

    private async Task DropLeaseAsync(INamespaceScope scope, string leaseId, bool synchronous)
    {
        try
        {
            await scope.Leases.DeleteAsync(leaseId, synchronous, CancellationToken.None);
        }
        catch (BerthException ex)
        {
            ArchiveLog.LeaseDeleteFailed(_logger, leaseId, ex.Message);
        }
    }
}
