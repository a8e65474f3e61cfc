using System.Collections.Concurrent;
using Berth.Oci;
using Microsoft.AspNetCore.Http;

namespace Berth.Remotes.Tests.Registry.Fakes;

public sealed partial class FakeRegistry
{
    private readonly ConcurrentDictionary<string, MemoryStream> _uploads = new();

    /// <summary>Upload sessions opened and not yet finished or cancelled.</summary>
    public int OpenUploads => _uploads.Count;

    private async Task HandleUploadAsync(HttpContext context, string name, string id)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method))
        {
            await StartUploadAsync(context, name);
            return;
        }

        if (!_uploads.TryGetValue(id, out var data))
        {
            await WriteErrorAsync(context, 404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
            return;
        }

        if (HttpMethods.IsDelete(request.Method))
        {
            _uploads.TryRemove(id, out _);
            context.Response.StatusCode = 204;
            return;
        }

        string contentRange = request.Headers.ContentRange.ToString();
        if (contentRange.Length > 0 && long.Parse(contentRange.Split('-')[0]) != data.Length)
        {
            await WriteErrorAsync(context, 416, "BLOB_UPLOAD_INVALID", $"range {contentRange} does not start at {data.Length}");
            return;
        }

        await request.Body.CopyToAsync(data);
        if (HttpMethods.IsPatch(request.Method))
        {
            context.Response.StatusCode = 202;
            // A new Location each time, as distribution's _state does: the client must follow it.
            context.Response.Headers.Location = $"/v2/{name}/blobs/uploads/{id}?_state={data.Length}";
            context.Response.Headers["Range"] = $"0-{data.Length - 1}";
            return;
        }

        await FinishUploadAsync(context, name, id, data);
    }

    private async Task StartUploadAsync(HttpContext context, string name)
    {
        var query = context.Request.Query;
        if (Digest.TryParse(query["mount"], out var mount) && HasBlob(query["from"].ToString(), mount))
        {
            _members[$"{name}@{mount}"] = true;
            context.Response.StatusCode = 201;
            context.Response.Headers.Location = $"/v2/{name}/blobs/{mount}";
            context.Response.Headers["Docker-Content-Digest"] = mount.ToString();
            return;
        }

        string id = Guid.NewGuid().ToString("N");
        _uploads[id] = new MemoryStream();
        context.Response.StatusCode = 202;
        context.Response.Headers.Location = $"/v2/{name}/blobs/uploads/{id}?_state=0";
        await Task.CompletedTask;
    }

    private async Task FinishUploadAsync(HttpContext context, string name, string id, MemoryStream data)
    {
        var expected = context.Request.Query["digest"].ToString();
        var actual = Digest.Sha256(data.ToArray());
        _uploads.TryRemove(id, out _);
        if (expected != actual.ToString())
        {
            await WriteErrorAsync(context, 400, "DIGEST_INVALID", "provided digest did not match uploaded content");
            return;
        }

        AddBlob(name, data.ToArray());
        context.Response.StatusCode = 201;
        context.Response.Headers.Location = $"/v2/{name}/blobs/{actual}";
        context.Response.Headers["Docker-Content-Digest"] = actual.ToString();
    }
}
