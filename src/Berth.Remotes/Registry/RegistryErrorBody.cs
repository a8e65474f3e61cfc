using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Remotes.Registry;

/// <summary>
/// The error body of the distribution spec (<c>{"errors":[{"code","message","detail"}]}</c>), plus the fields token
/// services answer with instead (<c>details</c>, OAuth2's <c>error</c> and <c>error_description</c>).
/// </summary>
internal sealed record RegistryErrorBody
{
    [JsonPropertyName("errors")]
    public IReadOnlyList<RegistryErrorEntry>? Errors { get; init; }

    [JsonPropertyName("details")]
    public string? Details { get; init; }

    [JsonPropertyName("error")]
    public JsonElement? Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }

    public IEnumerable<string> Codes => Errors?.Select(e => e.Code ?? string.Empty) ?? [];

    /// <summary>docker's wording: <c>denied: requested access to the resource is denied</c>, one per error.</summary>
    public string? Describe()
    {
        var parts = new List<string>();
        foreach (var error in Errors ?? [])
        {
            string code = (error.Code ?? "unknown").Replace('_', ' ').ToLowerInvariant();
            parts.Add(string.IsNullOrEmpty(error.Message) || error.Message.Equals(code, StringComparison.OrdinalIgnoreCase)
                ? code
                : $"{code}: {error.Message}");
        }

        if (Error is { ValueKind: JsonValueKind.String } oauth)
        {
            parts.Add(ErrorDescription is null ? oauth.GetString()! : $"{oauth.GetString()}: {ErrorDescription}");
        }

        if (!string.IsNullOrEmpty(Details))
        {
            parts.Add(Details);
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}

internal sealed record RegistryErrorEntry
{
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("detail")]
    public JsonElement? Detail { get; init; }
}

[JsonSerializable(typeof(RegistryErrorBody))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
