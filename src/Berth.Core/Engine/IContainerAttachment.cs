using Berth.Core.Logs;

namespace Berth.Core.Engine;

/// <summary>A client's hold on a container's stdio; disposing it detaches (the container goes on).</summary>
public interface IContainerAttachment : IAsyncDisposable
{
    /// <summary>Whether the container has a terminal (one raw output stream, which follows window sizes).</summary>
    bool Tty { get; }

    /// <summary>The output from now until the container's streams close.</summary>
    IAsyncEnumerable<OutputChunk> ReadOutputAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes to the container's stdin (the container must have been created with <c>-i</c>).</summary>
    ValueTask WriteInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>The client's stdin ended: the container's stdin closes if it was created with StdinOnce.</summary>
    ValueTask CloseInputAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets the terminal's window size.</summary>
    ValueTask ResizeAsync(uint width, uint height, CancellationToken cancellationToken = default);
}

/// <summary>Bytes a container wrote to one of its streams.</summary>
public sealed record OutputChunk(LogStream Stream, ReadOnlyMemory<byte> Data);
