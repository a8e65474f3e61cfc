using Berth.Core.Errors;
using Berth.Oci;
using Berth.Remotes.Auth;
using Microsoft.Extensions.Logging;

namespace Berth.Remotes.Registry;

/// <summary>
/// The distribution API of one registry for one caller, as containerd's docker resolver, fetcher and pusher: reads go
/// to the mirrors in order and then the host, writes to the host only. Made by <see cref="RegistryClientFactory"/>.
/// </summary>
internal sealed partial class RegistryClient : IRegistryClient
{
    private readonly string _registry;
    private readonly IReadOnlyList<RegistryEndpoint> _readEndpoints;
    private readonly RegistryEndpoint _host;
    private readonly RegistryTransports _transports;
    private readonly RegistryAuthenticator _auth;
    private readonly RetryPolicy _retry;
    private readonly RegistryClientSettings _settings;
    private readonly string _certsDirectory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RegistryClient(string registry, IReadOnlyList<RegistryEndpoint> readEndpoints, RegistryTransports transports,
        RegistryAuthenticator auth, RetryPolicy retry, RegistryClientSettings settings, string certsDirectory, TimeProvider time, ILogger logger)
    {
        _registry = registry;
        _readEndpoints = readEndpoints;
        _host = readEndpoints[^1];
        _transports = transports;
        _auth = auth;
        _retry = retry;
        _settings = settings;
        _certsDirectory = certsDirectory;
        _time = time;
        _logger = logger;
    }

    public async ValueTask PingAsync(CancellationToken cancellationToken = default)
    {
        var operation = RegistryOperation.Login(_registry);
        var request = new RegistryRequest(HttpMethod.Get, string.Empty, operation);
        using var response = await SendAsync(_host, request, _settings.MaxAttempts, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await RegistryErrors.FromResponseAsync(response, operation, cancellationToken);
        }
    }

    private void CheckRegistry(ImageReference reference)
    {
        if (!string.Equals(reference.Registry, _registry, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidArgumentException($"{reference} is not on {_registry}: use a client made for {reference.Registry}");
        }
    }

    /// <summary>Runs a read on each endpoint in turn until one answers; a mirror's failure passes to the next.</summary>
    private async Task<T> ReadAsync<T>(Func<RegistryEndpoint, int, Task<T>> read)
    {
        for (int i = 0; ; i++)
        {
            var endpoint = _readEndpoints[i];
            try
            {
                return await read(endpoint, endpoint.IsMirror ? _settings.MirrorAttempts : _settings.MaxAttempts);
            }
            catch (BerthException ex) when (endpoint.IsMirror)
            {
                RegistryLog.MirrorFailed(_logger, endpoint.ToString(), ex.Message);
            }
        }
    }
}
