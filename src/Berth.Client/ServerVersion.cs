namespace Berth.Client;

/// <summary>What the daemon says of its version.</summary>
/// <param name="Version">Such as <c>v0.1.0</c>.</param>
/// <param name="Revision">The source revision it was built from.</param>
public sealed record ServerVersion(string Version, string Revision);
