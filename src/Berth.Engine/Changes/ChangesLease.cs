using System.Globalization;
using System.Security.Cryptography;
using Berth.Core.Errors;
using Berth.Core.Labels;
using Berth.Core.Metadata;

namespace Berth.Engine.Changes;

/// <summary>
/// A lease over what a diff or a commit makes (a view of the image, the layer blob, the new snapshot, config and
/// manifest): nothing of it is collected while the work is in flight. It expires in an hour should berthd die
/// meanwhile. Disposing drops it; after a failure at once, so that the collector takes what the failed work made.
/// </summary>
internal sealed class ChangesLease : IAsyncDisposable
{
    private static readonly TimeSpan Expiry = TimeSpan.FromHours(1);
    private readonly INamespaceScope _owner;
    private bool _succeeded;

    private ChangesLease(INamespaceScope owner, string id, INamespaceScope scope)
    {
        _owner = owner;
        Id = id;
        Scope = scope;
    }

    public string Id { get; }

    /// <summary>The namespace, with every resource made through it attached to the lease.</summary>
    public INamespaceScope Scope { get; }

    public static async ValueTask<ChangesLease> CreateAsync(IMetadataStore metadata, INamespaceScope scope, string purpose, CancellationToken cancellationToken)
    {
        string id = $"berth-{purpose}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        string expiry = DateTimeOffset.UtcNow.Add(Expiry).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        await scope.Leases.CreateAsync(id, new Dictionary<string, string> { [LabelSet.GcExpire] = expiry }, cancellationToken);
        return new ChangesLease(scope, id, metadata.ForNamespace(scope.Namespace, id));
    }

    /// <summary>What the lease holds is referenced from elsewhere now (an image record): dropping it need not collect.</summary>
    public void Succeeded() => _succeeded = true;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _owner.Leases.DeleteAsync(Id, synchronous: !_succeeded, CancellationToken.None);
        }
        catch (BerthException)
        {
            // It expires on its own; the next collection after that takes what it held.
        }
    }
}
