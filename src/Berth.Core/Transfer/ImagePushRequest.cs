using Berth.Oci;

namespace Berth.Core.Transfer;

/// <summary>What to push, and as whom.</summary>
/// <param name="Reference">
/// The local image's name as the user typed it (<c>127.0.0.1:5000/app:v1</c>); normalised by the daemon, which pushes
/// the image to that name's registry, repository and tag.
/// </param>
public sealed record ImagePushRequest(string Reference)
{
    /// <summary>
    /// Push only this platform's manifest of an index, as a single-platform image (docker's <c>push --platform</c>);
    /// null pushes the image as it is stored.
    /// </summary>
    public Platform? Platform { get; init; }

    /// <summary>Credentials for the reference's registry, if the client has some.</summary>
    public RegistryCredentials? Credentials { get; init; }
}
