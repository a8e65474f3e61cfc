using Berth.Testing;

namespace Berth.Ttrpc.Tests;

/// <summary>A server on a socket in a temp folder of the test's own, and clients connected to it.</summary>
internal sealed class TtrpcHarness : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("ttrpc");
    private readonly List<TtrpcClient> _clients = [];

    public TtrpcHarness()
    {
        SocketPath = _dir.Combine("t.sock");
    }

    public TtrpcServer Server { get; } = new();

    public string SocketPath { get; }

    public TtrpcHarness Listen()
    {
        Server.Listen("unix://" + SocketPath);
        return this;
    }

    public async Task<TtrpcClient> ConnectAsync()
    {
        var client = await TtrpcClient.ConnectAsync("unix://" + SocketPath);
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Server.DisposeAsync();
        _dir.Dispose();
    }
}
