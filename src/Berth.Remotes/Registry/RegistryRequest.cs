namespace Berth.Remotes.Registry;

/// <summary>
/// One call of the distribution API, described so that it can be sent again: after a 401 with credentials, after a
/// transient failure (when <see cref="Idempotent"/>), or over plain HTTP after a failed HTTPS attempt.
/// </summary>
internal sealed record RegistryRequest(HttpMethod Method, string Path, RegistryOperation Operation)
{
    /// <summary>An absolute URI (an upload session's Location) to use instead of <see cref="Path"/> under /v2/.</summary>
    public Uri? Location { get; init; }

    /// <summary>The token scopes the request needs.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    public string? Accept { get; init; }

    /// <summary>Ask for the bytes from this offset on (<c>Range: bytes=N-</c>).</summary>
    public long? RangeFrom { get; init; }

    /// <summary>
    /// Makes the body for one sending; the action given keeps the response timeout from firing while the body is
    /// still being read.
    /// </summary>
    public Func<Action, HttpContent>? Content { get; init; }

    /// <summary>False for upload steps: those are never sent twice, the upload restarts instead.</summary>
    public bool Idempotent { get; init; } = true;
}
