using Berth.Oci;

namespace Berth.Remotes.Pull;

/// <summary>One pull with everything the daemon decided: the normalised reference, the platform, where to unpack.</summary>
/// <param name="Snapshotter">Where to unpack; the daemon's default when the request named none.</param>
internal sealed record PullPlan(string Namespace, ImageReference Reference, Platform Platform, bool AllPlatforms, bool Unpack, string Snapshotter)
{
    /// <summary>
    /// Pulls of the same plan are one job. The issue keys them by namespace, reference and platform; the snapshotter and
    /// options are part of the key too, so that a caller never joins a pull that will not produce what it asked for.
    /// </summary>
    public string Key => $"{Namespace}\n{Reference}\n{Platforms.Format(Platforms.Normalize(Platform))}\n{Snapshotter}\n{Unpack}\n{AllPlatforms}";
}
