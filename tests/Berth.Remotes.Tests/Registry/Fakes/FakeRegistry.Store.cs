using System.Collections.Concurrent;
using System.Text.Json;
using Berth.Oci;
using Microsoft.AspNetCore.Http;

namespace Berth.Remotes.Tests.Registry.Fakes;

public sealed partial class FakeRegistry
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new();
    private readonly ConcurrentDictionary<string, (string MediaType, byte[] Body)> _manifests = new();
    private readonly ConcurrentDictionary<string, string> _tags = new();
    private readonly ConcurrentDictionary<string, bool> _members = new();

    /// <summary>Stores a blob in <paramref name="repository"/> and returns its descriptor.</summary>
    public Descriptor AddBlob(string repository, byte[] content, string mediaType = "application/octet-stream")
    {
        var digest = Digest.Sha256(content);
        _blobs[digest.ToString()] = content;
        _members[$"{repository}@{digest}"] = true;
        return new Descriptor(mediaType, digest, content.Length);
    }

    /// <summary>Stores a manifest under its digest and, when given, a tag.</summary>
    public Descriptor AddManifest(string repository, string? tag, string mediaType, byte[] body)
    {
        var digest = Digest.Sha256(body);
        _manifests[$"{repository}@{digest}"] = (mediaType, body);
        if (tag is not null)
        {
            _tags[$"{repository}:{tag}"] = digest.ToString();
        }

        return new Descriptor(mediaType, digest, body.Length);
    }

    public bool HasBlob(string repository, Digest digest) => _members.ContainsKey($"{repository}@{digest}");

    public byte[]? Blob(Digest digest) => _blobs.GetValueOrDefault(digest.ToString());

    public (string MediaType, byte[] Body)? Manifest(string repository, string reference)
    {
        string key = _tags.TryGetValue($"{repository}:{reference}", out string? digest) ? digest : reference;
        return _manifests.TryGetValue($"{repository}@{key}", out var found) ? found : null;
    }

    /// <summary>Answers with the distribution spec's error body.</summary>
    public static async Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { errors = new[] { new { code, message } } }));
    }
}
