using Grpc.Core;

namespace Berth.Services.Grpc;

/// <summary>
/// Sends a listing as containerd does: many items per message, so that a long list costs few messages and no message
/// grows past gRPC's size limit.
/// </summary>
internal static class BatchedStream
{
    private const int BatchSize = 100;

    public static async Task WriteAsync<TItem, TResponse>(IAsyncEnumerable<TItem> items, IServerStreamWriter<TResponse> stream,
        Func<TResponse> newBatch, Func<TResponse, ICollection<TItem>> itemsOf, CancellationToken cancellationToken)
    {
        var batch = newBatch();
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            itemsOf(batch).Add(item);
            if (itemsOf(batch).Count == BatchSize)
            {
                await stream.WriteAsync(batch, cancellationToken);
                batch = newBatch();
            }
        }

        if (itemsOf(batch).Count > 0)
        {
            await stream.WriteAsync(batch, cancellationToken);
        }
    }
}
