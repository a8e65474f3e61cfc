using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Berth.Oci;

namespace Berth.Testing.Registry;

public sealed partial class RegistryServer
{
    /// <summary>
    /// A plain HttpClient for the registry, independent of berth's client: it trusts the test CA, presents the client
    /// certificate under mutual TLS, and (with <paramref name="authenticate"/>) sends the first account's Basic credentials.
    /// </summary>
    public HttpClient CreateHttpClient(bool authenticate = true)
    {
        var handler = new SocketsHttpHandler();
        if (CertificateAuthority is { } authority)
        {
            var trusted = X509CertificateLoader.LoadCertificate(authority.Certificate.RawData);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(trusted);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is X509Certificate2 leaf && chain.Build(leaf);
            };
            if (Options.RequireClientCertificate)
            {
                string folder = Path.Combine(CertsDirectory, Host);
                handler.SslOptions.ClientCertificates =
                    [X509Certificate2.CreateFromPemFile(Path.Combine(folder, "client.cert"), Path.Combine(folder, "client.key"))];
            }
        }

        var http = new HttpClient(handler) { BaseAddress = BaseUri };
        if (authenticate && Username is not null)
        {
            http.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
        }

        return http;
    }

    /// <summary>
    /// Pushes an image with plain monolithic uploads (no berth code involved, so that berth's pull can be tested
    /// against it) and tags it <paramref name="tag"/>.
    /// </summary>
    public async Task PushAsync(TestImage image, string repository, string tag, CancellationToken cancellationToken = default)
    {
        using var http = CreateHttpClient();
        foreach (var (descriptor, content) in image.Blobs)
        {
            await PushBlobAsync(http, repository, descriptor, content, cancellationToken);
        }

        await PutManifestAsync(http, repository, tag, image.ManifestDescriptor, image.Manifest, cancellationToken);
    }

    /// <summary>Pushes every image of an index (by digest), then the index as <paramref name="tag"/>.</summary>
    public async Task PushAsync(TestImageIndex index, string repository, string tag, CancellationToken cancellationToken = default)
    {
        using var http = CreateHttpClient();
        foreach (var image in index.Images)
        {
            foreach (var (descriptor, content) in image.Blobs)
            {
                await PushBlobAsync(http, repository, descriptor, content, cancellationToken);
            }

            await PutManifestAsync(http, repository, image.ManifestDescriptor.Digest.ToString(), image.ManifestDescriptor, image.Manifest, cancellationToken);
        }

        await PutManifestAsync(http, repository, tag, index.IndexDescriptor, index.Index, cancellationToken);
    }

    /// <summary>The file the registry serves <paramref name="digest"/> from (distribution's filesystem layout), to corrupt it.</summary>
    public string BlobPath(Digest digest)
        => Path.Combine(DataDirectory, "docker", "registry", "v2", "blobs", digest.Algorithm, digest.Encoded[..2], digest.Encoded, "data");

    private static async Task PutManifestAsync(HttpClient http, string repository, string reference, Descriptor descriptor, byte[] bytes,
        CancellationToken cancellationToken)
    {
        using var manifest = new ByteArrayContent(bytes);
        manifest.Headers.ContentType = new MediaTypeHeaderValue(descriptor.MediaType);
        using var put = await http.PutAsync(new Uri($"/v2/{repository}/manifests/{reference}", UriKind.Relative), manifest, cancellationToken);
        await EnsureAsync(put, $"PUT manifest {repository}:{reference}", cancellationToken);
    }

    private static async Task PushBlobAsync(HttpClient http, string repository, Descriptor descriptor, byte[] content, CancellationToken ct)
    {
        using var start = await http.PostAsync(new Uri($"/v2/{repository}/blobs/uploads/", UriKind.Relative), null, ct);
        await EnsureAsync(start, $"POST upload of {descriptor.Digest}", ct);
        var location = new Uri(http.BaseAddress!, start.Headers.Location!);
        var target = new UriBuilder(location) { Query = $"{location.Query.TrimStart('?')}&digest={Uri.EscapeDataString(descriptor.Digest.ToString())}" };
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await http.PutAsync(target.Uri, body, ct);
        await EnsureAsync(put, $"PUT blob {descriptor.Digest}", ct);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"{what} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }
    }
}
