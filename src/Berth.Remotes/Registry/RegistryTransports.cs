using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Berth.Remotes.Registry;

/// <summary>
/// One connection pool per host (HTTP/1.1 and HTTP/2), made on first use from the host's settings and certs.d folder
/// and shared by every client of the factory. Redirects and decompression are off: the client follows redirects
/// itself (to drop credentials when the host changes) and must hash the bytes the registry stored.
/// </summary>
internal sealed class RegistryTransports(RegistryHostOptions options, RegistryClientSettings settings) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<HttpMessageInvoker>> _byHost = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The pool for <paramref name="host"/> (<c>host[:port]</c>, as its certs.d folder is named).</summary>
    public HttpMessageInvoker For(string host)
    {
        var lazy = _byHost.GetOrAdd(host, h => new Lazy<HttpMessageInvoker>(() => Create(h)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A broken certs.d folder must not stay cached: the user fixes it and tries again.
            _byHost.TryRemove(new KeyValuePair<string, Lazy<HttpMessageInvoker>>(host, lazy));
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _byHost.Values.Where(l => l.IsValueCreated))
        {
            lazy.Value.Dispose();
        }

        _byHost.Clear();
    }

    private HttpMessageInvoker Create(string host)
    {
        bool insecure = options.For(host).Insecure;
        var certificates = HostCertificates.Load(options.CertsDirectory, host);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = settings.ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            EnableMultipleHttp2Connections = true,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = certificates.ClientCertificates,
                RemoteCertificateValidationCallback = (_, certificate, chain, errors)
                    => insecure || IsTrusted(certificate as X509Certificate2, chain, errors, certificates.Authorities),
            },
        };
        return new HttpMessageInvoker(handler, disposeHandler: true);
    }

    // The system store has judged the chain already; the certs.d CAs get a second opinion on chain errors only, so
    // that a name mismatch is never forgiven.
    private static bool IsTrusted(X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null || authorities.Count == 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(authorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return custom.Build(certificate);
    }
}
