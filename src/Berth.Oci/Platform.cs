namespace Berth.Oci;

/// <summary>The platform a manifest is built for (OCI image index, "platform").</summary>
public sealed record Platform(string Os, string Architecture)
{
    /// <summary>A CPU variant such as <c>v7</c> for arm.</summary>
    public string? Variant { get; init; }

    /// <summary>The operating system version, used by Windows images.</summary>
    public string? OsVersion { get; init; }

    /// <summary>Required operating system features.</summary>
    public IReadOnlyList<string> OsFeatures { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
