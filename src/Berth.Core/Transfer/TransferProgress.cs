namespace Berth.Core.Transfer;

/// <summary>
/// One step of a transfer, as docker reports pulls: an id (a layer's short digest, or the reference), what is happening
/// to it, and how far it got. The last item of a pull has <see cref="TransferStatus.Done"/> and the image's digest.
/// </summary>
public sealed record TransferProgress(string Id, TransferStatus Status, long Current = 0, long Total = 0)
{
    /// <summary>More: the resolved digest, the image name, or why a step failed.</summary>
    public string? Detail { get; init; }
}

/// <summary>The states a transferred object goes through (docker's words in the comments).</summary>
public enum TransferStatus
{
    /// <summary>Looking the reference up.</summary>
    Resolving,
    /// <summary>"Waiting": queued behind other downloads.</summary>
    Waiting,
    /// <summary>"Downloading".</summary>
    Downloading,
    /// <summary>"Verifying Checksum".</summary>
    Verifying,
    /// <summary>"Download complete".</summary>
    Downloaded,
    /// <summary>"Already exists": the content or the unpacked layer was there.</summary>
    AlreadyExists,
    /// <summary>"Extracting".</summary>
    Extracting,
    /// <summary>"Pull complete": fetched and unpacked.</summary>
    Complete,
    /// <summary>"Pushing".</summary>
    Pushing,
    /// <summary>"Pushed".</summary>
    Pushed,
    /// <summary>"Mounted from …": the registry copied the blob from another repository.</summary>
    Mounted,
    /// <summary>The whole transfer finished; <see cref="TransferProgress.Detail"/> holds the image digest.</summary>
    Done,
}
