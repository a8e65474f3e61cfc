using System.Collections.Concurrent;
using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Auth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Remotes.Registry;

/// <summary>
/// Makes <see cref="RegistryClient"/>s. Owns what outlives one client: a connection pool per host, and what each
/// host's endpoints have learnt (plain HTTP for an insecure host without TLS). Tokens belong to the client, since
/// they derive from its caller's credentials. Dispose it when the daemon stops.
/// </summary>
internal sealed class RegistryClientFactory : IRegistryClientFactory, IDisposable
{
    /// <summary>Where docker.io's API is served (docker's default registry endpoint).</summary>
    public const string DockerHubEndpoint = "https://registry-1.docker.io";

    private readonly RegistryHostOptions _options;
    private readonly RegistryClientSettings _settings;
    private readonly RegistryTransports _transports;
    private readonly RetryPolicy _retry;
    private readonly TokenClient _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, IReadOnlyList<RegistryEndpoint>> _endpoints = new(StringComparer.OrdinalIgnoreCase);

    public RegistryClientFactory(RegistryHostOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null,
        RegistryClientSettings? settings = null)
    {
        _options = options;
        _settings = settings ?? new RegistryClientSettings();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Berth.Remotes.Registry");
        _transports = new RegistryTransports(options, _settings);
        _retry = new RetryPolicy(_settings, _time, _logger);
        _tokens = new TokenClient(_transports, _retry, _settings, _time, _logger);
    }

    public IRegistryClient Create(string registry, RegistryCredentials? credentials)
    {
        bool valid = ImageReference.TryParse($"{registry}/berth", out var parsed, out _)
            && (parsed.Repository == "berth" || (parsed.Registry == ImageReference.DockerHub && registry is ImageReference.DockerHub or "index.docker.io"));
        if (!valid)
        {
            throw new InvalidArgumentException($"\"{registry}\" is not a registry host: give a name such as docker.io or 127.0.0.1:5000");
        }

        string name = parsed!.Registry;
        var endpoints = _endpoints.GetOrAdd(name, CreateEndpoints);
        var auth = new RegistryAuthenticator(credentials, _tokens, _time);
        return new RegistryClient(name, endpoints, _transports, auth, _retry, _settings, _options.CertsDirectory, _time, _logger);
    }

    public void Dispose() => _transports.Dispose();

    // Mirrors first, in the configured order, then the host itself (last, so that its answer is the one reported).
    private IReadOnlyList<RegistryEndpoint> CreateEndpoints(string registry)
    {
        var host = _options.For(registry);
        var endpoints = new List<RegistryEndpoint>();
        foreach (string mirror in host.Mirrors)
        {
            bool schemeGiven = mirror.Contains("://", StringComparison.Ordinal);
            if (!Uri.TryCreate(schemeGiven ? mirror : "https://" + mirror, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new InvalidArgumentException($"mirror \"{mirror}\" of {registry} is not an http(s) URL such as https://mirror.example:5000");
            }

            endpoints.Add(new RegistryEndpoint(uri, uri.Authority, httpFallback: !schemeGiven && _options.For(uri.Authority).Insecure, mirrorOf: registry));
        }

        var root = registry == ImageReference.DockerHub ? new Uri(DockerHubEndpoint) : new Uri("https://" + registry);
        endpoints.Add(new RegistryEndpoint(root, registry, host.Insecure));
        return endpoints;
    }
}
