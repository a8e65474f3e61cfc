using Berth.Oci;

namespace Berth.Core.Transfer;

/// <summary>What to pull, for whom, and how to keep it.</summary>
/// <param name="Reference">As the user typed it; normalised by the daemon (<c>busybox</c> → <c>docker.io/library/busybox:latest</c>).</param>
public sealed record ImagePullRequest(string Reference)
{
    /// <summary>The platform to pick from an index; null for the daemon's own.</summary>
    public Platform? Platform { get; init; }

    /// <summary>Fetch the manifests of every platform (only the chosen one is unpacked).</summary>
    public bool AllPlatforms { get; init; }

    /// <summary>Unpack the layers into snapshots after fetching.</summary>
    public bool Unpack { get; init; } = true;

    /// <summary>The snapshotter to unpack into; null for the daemon's default.</summary>
    public string? Snapshotter { get; init; }

    /// <summary>Credentials for the reference's registry, if the client has some.</summary>
    public RegistryCredentials? Credentials { get; init; }
}
