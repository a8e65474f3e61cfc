namespace Berth.Core.Content;

/// <summary>Random access to one committed blob.</summary>
public interface IContentReader : IAsyncDisposable
{
    /// <summary>The blob's size in bytes.</summary>
    long Size { get; }

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>; 0 at the end.</summary>
    ValueTask<int> ReadAtAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken = default);
}
