using System.Net;
using System.Text.Json;
using Berth.Core.Errors;

namespace Berth.Remotes.Registry;

/// <summary>Turns a registry's refusal (status and error body) into the closed error set, in docker's words.</summary>
internal static class RegistryErrors
{
    private const int MaxErrorBody = 64 * 1024;

    public static async Task<BerthException> FromResponseAsync(HttpResponseMessage response, RegistryOperation operation,
        CancellationToken cancellationToken)
    {
        using (response)
        {
            var body = await ReadBodyAsync(response, cancellationToken);
            return FromStatus(response.StatusCode, response.ReasonPhrase, body, operation);
        }
    }

    public static BerthException FromStatus(HttpStatusCode status, string? reason, RegistryErrorBody? body, RegistryOperation op)
    {
        string? said = body?.Describe();
        string detail = said ?? DefaultDetail(status, reason);
        var codes = body?.Codes.ToHashSet(StringComparer.Ordinal) ?? [];
        return (int)status switch
        {
            401 when op.Action == "login" => new PermissionDeniedException(
                $"login to {op.Registry} failed: {detail}; check the user name and password"),
            401 => new PermissionDeniedException(
                $"{op.Action} access denied for {op.Name}: {detail}; run `berth login {op.Registry}` if the repository is private, and check its name"),
            403 => new PermissionDeniedException(
                $"{op.Action} access denied for {op.Name}: {detail}; the account has no {op.Action} permission there"),
            404 => new NotFoundException($"{op.Subject} not found: {detail}"),
            400 when codes.Overlaps(["DIGEST_INVALID", "SIZE_INVALID"]) => new FailedPreconditionException(
                $"{op.Registry} refused {op.Subject}: {detail}; the content does not match its descriptor"),
            400 when codes.Contains("MANIFEST_BLOB_UNKNOWN") => new FailedPreconditionException(
                $"{op.Registry} refused {op.Subject}: {detail}; push the blobs it references first"),
            400 => new InvalidArgumentException($"{op.Registry} refused {op.Subject}: {detail}"),
            405 => new UnimplementedException(
                $"{op.Registry} does not allow this {op.Action} of {op.Name}: {detail}; it may be a read-only mirror or have the operation disabled"),
            409 => new AbortedException($"{op.Registry} reports a conflict on {op.Subject}: {detail}; try again"),
            413 => new ResourceExhaustedException($"{op.Registry} refused {op.Subject} as too large: {detail}"),
            416 => new FailedPreconditionException($"{op.Registry} cannot serve the requested range of {op.Subject}: {detail}"),
            429 => new ResourceExhaustedException(
                $"{op.Registry} is rate-limiting requests ({detail}); wait before trying again"),
            >= 500 => new UnavailableException(
                $"{op.Registry} failed to serve {op.Subject} ({(int)status} {reason}{(said is null ? "" : ": " + said)}); "
                + "the registry may be overloaded or down, try again later"),
            _ => new InternalException($"unexpected answer {(int)status} {reason} from {op.Registry} for {op.Subject}: {detail}"),
        };
    }

    public static async Task<RegistryErrorBody?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is 0)
        {
            return null;
        }

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            byte[] buffer = new byte[MaxErrorBody];
            int length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            return length == 0 ? null : JsonSerializer.Deserialize(buffer.AsSpan(0, length), RegistryJsonContext.Default.RegistryErrorBody);
        }
        catch (Exception ex) when (ex is JsonException or IOException or HttpRequestException)
        {
            return null; // not JSON, or cut off: the status says enough
        }
    }

    private static string DefaultDetail(HttpStatusCode status, string? reason) => status switch
    {
        HttpStatusCode.Unauthorized => "unauthorized: authentication required",
        HttpStatusCode.Forbidden => "denied: requested access to the resource is denied",
        HttpStatusCode.NotFound => "not found",
        _ => string.IsNullOrEmpty(reason) ? $"status {(int)status}" : reason.ToLowerInvariant(),
    };
}
