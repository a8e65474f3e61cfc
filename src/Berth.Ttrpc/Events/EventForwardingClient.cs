using Berth.Api.Conversions;
using Berth.Core.Errors;
using Containerd.Services.Events.Ttrpc.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using CoreEnvelope = Berth.Core.Events.Envelope;

namespace Berth.Ttrpc.Events;

/// <summary>
/// A shim's publisher: forwards events to the daemon's ttrpc socket (the TTRPC_ADDRESS a shim is started with), as
/// containerd's shims do. It connects on first use and once more when the daemon restarted under it; a failure
/// reaches the caller, which decides whether to queue and retry.
/// </summary>
public sealed class EventForwardingClient(string address) : IAsyncDisposable
{
    private static readonly TimeSpan ForwardTimeout = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private TtrpcClient? _client;
    private bool _disposed;

    /// <summary>The daemon's ttrpc address, as given.</summary>
    public string Address => address;

    /// <summary>Publishes <paramref name="event"/> under <paramref name="topic"/> in a namespace, stamped now.</summary>
    public Task PublishAsync(string @namespace, string topic, IMessage @event, CancellationToken cancellationToken = default)
        => ForwardAsync(new CoreEnvelope(DateTimeOffset.UtcNow, @namespace, topic,
            EventPayloads.Of(@event)), cancellationToken);

    /// <summary>Forwards an envelope as it is (its time, namespace, topic and payload).</summary>
    public async Task ForwardAsync(CoreEnvelope envelope, CancellationToken cancellationToken = default)
    {
        var request = new ForwardRequest
        {
            Envelope = new()
            {
                Timestamp = Api.Conversions.Wire.ToTimestamp(envelope.Timestamp),
                Namespace = envelope.Namespace,
                Topic = envelope.Topic,
                Event = new Any { TypeUrl = envelope.Event.TypeUrl, Value = ByteString.CopyFrom(envelope.Event.Value.Span) },
            },
        };
        var client = await ConnectAsync(stale: null, cancellationToken);
        try
        {
            await CallAsync(client, request, cancellationToken);
        }
        catch (UnavailableException) when (!client.IsClosed)
        {
            throw;
        }
        catch (UnavailableException)
        {
            // The daemon restarted: the old connection is dead, a new one may reach the new daemon.
            await CallAsync(await ConnectAsync(client, cancellationToken), request, cancellationToken);
        }
    }

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _connecting.WaitAsync();
        try
        {
            _disposed = true;
            if (_client is not null)
            {
                await _client.DisposeAsync();
            }
        }
        finally
        {
            _connecting.Release();
        }
    }

    private static Task<Empty> CallAsync(TtrpcClient client, ForwardRequest request, CancellationToken cancellationToken)
        => client.CallAsync(EventsForwardBinding.ServiceName, EventsForwardBinding.ForwardMethod, request, Empty.Parser,
            metadata: null, ForwardTimeout, cancellationToken);

    private async Task<TtrpcClient> ConnectAsync(TtrpcClient? stale, CancellationToken cancellationToken)
    {
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_client is not null && _client != stale && !_client.IsClosed)
            {
                return _client;
            }

            if (_client is not null)
            {
                await _client.DisposeAsync();
            }

            _client = null;
            _client = await TtrpcClient.ConnectAsync(address, cancellationToken);
            return _client;
        }
        finally
        {
            _connecting.Release();
        }
    }
}
