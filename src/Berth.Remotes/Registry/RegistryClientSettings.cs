namespace Berth.Remotes.Registry;

/// <summary>
/// Limits and timings of the registry client: retries, timeouts, upload sizes. The defaults suit real registries;
/// tests shorten the delays.
/// </summary>
internal sealed record RegistryClientSettings
{
    /// <summary>Attempts of one idempotent request, the first included, before a transient failure is reported.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Attempts of a request to a mirror: a mirror that fails is passed over for the next endpoint.</summary>
    public int MirrorAttempts { get; init; } = 1;

    /// <summary>The first backoff; each further attempt doubles it, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest Retry-After honoured; a registry asking for more is reported as rate limiting.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a request may wait for the response headers.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a body may stall before the read is abandoned and resumed with a ranged request.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Reconnections of one fetch stream in a row without progress before it fails.</summary>
    public int MaxResumes { get; init; } = 5;

    /// <summary>Blobs up to this size are uploaded with one PUT; bigger ones in PATCH chunks.</summary>
    public long MonolithicUploadLimit { get; init; } = 16 * 1024 * 1024;

    public long UploadChunkSize { get; init; } = 32 * 1024 * 1024;

    /// <summary>containerd's limit: a manifest bigger than this is refused rather than read into memory.</summary>
    public long MaxManifestSize { get; init; } = 4 * 1024 * 1024;

    public string UserAgent { get; init; } = "berth/" + (typeof(RegistryClientSettings).Assembly.GetName().Version?.ToString(3) ?? "0");
}
