using Berth.Oci;

namespace Berth.Remotes.Push;

/// <summary>One push as the daemon decided it: the local image (by its normalised name) and what of it to send.</summary>
/// <param name="Reference">The image's name, which is also where it goes: registry, repository and tag.</param>
/// <param name="Platform">Send only this platform's manifest of an index, as a single-platform image; null sends the image as stored.</param>
internal sealed record PushPlan(string Namespace, ImageReference Reference, Platform? Platform)
{
    /// <summary>Pushes of the same image to the same place, asked for at once, are one job.</summary>
    public string Key => $"push\n{Namespace}\n{Reference}\n{(Platform is null ? string.Empty : Platforms.Format(Platforms.Normalize(Platform)))}";
}
