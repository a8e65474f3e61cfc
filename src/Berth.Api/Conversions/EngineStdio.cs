using Berth.Api.Containers.V1;
using Google.Protobuf;

namespace Berth.Api.Conversions;

/// <summary>What a client message of an attach or an exec carries after the call's first message.</summary>
public enum StdioInputKind
{
    /// <summary>Not stdio: the call's first message (open, start), or a case this build does not know.</summary>
    None,
    Stdin,
    StdinClosed,
    Resize,
}

/// <summary>
/// The client messages of Attach and Exec after the first: both carry stdin bytes, its end or a window size, so the
/// daemon's input pump and the client's writers serve both calls through this one shape.
/// </summary>
public interface IStdioInput<TSelf> where TSelf : IStdioInput<TSelf>
{
    StdioInputKind StdioKind { get; }

    ByteString Stdin { get; }

    WindowSize Resize { get; }

    static abstract TSelf OfStdin(ReadOnlySpan<byte> data);

    static abstract TSelf OfStdinClosed();

    static abstract TSelf OfResize(uint width, uint height);
}
