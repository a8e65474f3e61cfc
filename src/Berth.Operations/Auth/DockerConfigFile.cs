using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Transfer;
using Berth.Operations.Output;

namespace Berth.Operations.Auth;

/// <summary>
/// docker's client config, <c>$DOCKER_CONFIG/config.json</c> or <c>~/.docker/config.json</c>. Read and written as a
/// JSON tree so that settings berth does not know (proxies, aliases, plugins) survive a login.
/// <code>
/// { "auths": { "https://index.docker.io/v1/": { "auth": base64("user:password"), "identitytoken": "…" } },
///   "credsStore": "pass", "credHelpers": { "gcr.io": "gcloud" } }
/// </code>
/// </summary>
public sealed partial class DockerConfigFile
{
    private readonly JsonObject _root;

    private DockerConfigFile(string path, JsonObject root)
    {
        FilePath = path;
        _root = root;
    }

    /// <summary>Where the file is (whether or not it exists yet).</summary>
    public string FilePath { get; }

    /// <summary>The file docker uses: in $DOCKER_CONFIG if set, else ~/.docker.</summary>
    public static string DefaultPath()
    {
        string? dir = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        if (string.IsNullOrEmpty(dir))
        {
            dir = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        }

        return Path.Combine(dir, "config.json");
    }

    /// <summary>Reads the file; a missing or empty file is an empty config.</summary>
    public static DockerConfigFile Load(string path)
    {
        string text = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        if (text.Trim().Length == 0)
        {
            return new DockerConfigFile(path, []);
        }

        try
        {
            return new DockerConfigFile(path, JsonNode.Parse(text) as JsonObject ?? throw new JsonException("the top level is not an object"));
        }
        catch (JsonException ex)
        {
            throw new ClientException($"loading config file {path}: {ex.Message}: fix or remove the file");
        }
    }

    /// <summary>The credential helper for every registry (<c>credsStore</c>), if any.</summary>
    public string? CredentialsStore => Text(_root["credsStore"]) is { Length: > 0 } store ? store : null;

    /// <summary>The helper named for one registry in <c>credHelpers</c>, if any.</summary>
    public string? CredentialHelperFor(string key)
    {
        if (_root["credHelpers"] is not JsonObject helpers)
        {
            return null;
        }

        string? helper = Text(helpers[key]) ?? Text(helpers[RegistryServer.HostOf(key)]);
        return string.IsNullOrEmpty(helper) ? null : helper;
    }

    /// <summary>The keys under <c>auths</c>.</summary>
    public IReadOnlyList<string> AuthKeys => _root["auths"] is JsonObject auths ? [.. auths.Select(a => a.Key)] : [];

    /// <summary>Whether <c>auths</c> has an entry (possibly empty, when a helper holds the secret) for the key.</summary>
    public bool HasAuth(string key) => _root["auths"] is JsonObject auths && auths.ContainsKey(key);

    /// <summary>The credentials stored in the file itself for <paramref name="key"/>; null when there are none.</summary>
    public RegistryCredentials? GetAuth(string key)
    {
        if (_root["auths"] is not JsonObject auths || auths[key] is not JsonObject entry)
        {
            return null;
        }

        string? user = Text(entry["username"]);
        string? password = Text(entry["password"]);
        if (Text(entry["auth"]) is { Length: > 0 } encoded)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            }
            catch (FormatException)
            {
                throw new ClientException($"{FilePath}: the auth of {key} is not base64: log in again");
            }

            int colon = decoded.IndexOf(':', StringComparison.Ordinal);
            (user, password) = colon < 0 ? (decoded, null) : (decoded[..colon], decoded[(colon + 1)..]);
        }

        string? token = Text(entry["identitytoken"]);
        return user is null && password is null && token is null ? null : new RegistryCredentials(user, password) { IdentityToken = token };
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
