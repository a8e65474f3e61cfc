using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Berth.Remotes.Tests.Registry.Fakes;

public sealed partial class FakeRegistry
{
    private async Task HandleApiAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? string.Empty;
        if (path == "/v2/")
        {
            await context.Response.WriteAsync("{}");
            return;
        }

        if (UploadPath().Match(path) is { Success: true } upload)
        {
            await HandleUploadAsync(context, upload.Groups["name"].Value, upload.Groups["id"].Value);
            return;
        }

        if (ObjectPath().Match(path) is not { Success: true } match)
        {
            await WriteErrorAsync(context, 404, "NAME_UNKNOWN", "repository name not known to registry");
            return;
        }

        string name = match.Groups["name"].Value;
        string reference = match.Groups["ref"].Value;
        if (match.Groups["kind"].Value == "manifests")
        {
            await HandleManifestAsync(context, name, reference);
        }
        else
        {
            await HandleBlobAsync(context, name, reference);
        }
    }

    private async Task HandleManifestAsync(HttpContext context, string name, string reference)
    {
        var response = context.Response;
        if (HttpMethods.IsPut(context.Request.Method))
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var stored = AddManifest(name, reference.Contains(':', StringComparison.Ordinal) ? null : reference,
                context.Request.ContentType ?? string.Empty, body.ToArray());
            response.StatusCode = 201;
            response.Headers["Docker-Content-Digest"] = stored.Digest.ToString();
            return;
        }

        if (Manifest(name, reference) is not { } manifest)
        {
            await WriteErrorAsync(context, 404, "MANIFEST_UNKNOWN", "manifest unknown");
            return;
        }

        response.ContentType = manifest.MediaType;
        response.ContentLength = manifest.Body.Length;
        response.Headers["Docker-Content-Digest"] = Berth.Oci.Digest.Sha256(manifest.Body).ToString();
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await response.Body.WriteAsync(manifest.Body);
        }
    }

    private async Task HandleBlobAsync(HttpContext context, string name, string reference)
    {
        if (!Berth.Oci.Digest.TryParse(reference, out var digest) || !HasBlob(name, digest) || Blob(digest) is not { } blob)
        {
            await WriteErrorAsync(context, 404, "BLOB_UNKNOWN", "blob unknown to registry");
            return;
        }

        var response = context.Response;
        response.Headers["Docker-Content-Digest"] = digest.ToString();
        response.ContentType = "application/octet-stream";
        long from = 0;
        string range = context.Request.Headers.Range.ToString();
        if (!IgnoreRange && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            from = long.Parse(range[6..^1]);
            response.StatusCode = 206;
            response.Headers.ContentRange = $"bytes {from}-{blob.Length - 1}/{blob.Length}";
        }

        response.ContentLength = blob.Length - from;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await response.Body.WriteAsync(blob.AsMemory((int)from));
        }
    }

    [GeneratedRegex("^/v2/(?<name>.+)/blobs/uploads/(?<id>[^/]*)$")]
    private static partial Regex UploadPath();

    [GeneratedRegex("^/v2/(?<name>.+)/(?<kind>manifests|blobs)/(?<ref>[^/]+)$")]
    private static partial Regex ObjectPath();
}
