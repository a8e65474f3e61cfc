namespace Berth.Remotes.Pull;

/// <summary>How the daemon transfers images.</summary>
internal sealed record ImageTransferSettings
{
    /// <summary>Layers of one pull downloaded at once (containerd's max_concurrent_downloads, 3 by default).</summary>
    public int MaxConcurrentDownloads { get; init; } = 3;

    /// <summary>Blobs of one push uploaded at once (containerd's max_concurrent_uploaded_layers, 3 by default).</summary>
    public int MaxConcurrentUploads { get; init; } = 3;

    /// <summary>How often a blob download cut off mid-way is resumed from what was written before the pull gives up.</summary>
    public int MaxResumes { get; init; } = 3;

    /// <summary>The wait before the first resume; it doubles with each further one.</summary>
    public TimeSpan ResumeDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a layer's download progress is reported at most.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the lease of a pull protects what it fetched if the daemon dies before deleting it.</summary>
    public TimeSpan LeaseExpiry { get; init; } = TimeSpan.FromHours(24);
}
