using Berth.Api.Conversions;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Api.Containers.V1;

// The two calls' oneofs are separate generated enums with the same cases: each is mapped by name, not by number.

public sealed partial class AttachInput : IStdioInput<AttachInput>
{
    public StdioInputKind StdioKind => InputCase switch
    {
        InputOneofCase.Stdin => StdioInputKind.Stdin,
        InputOneofCase.StdinClosed => StdioInputKind.StdinClosed,
        InputOneofCase.Resize => StdioInputKind.Resize,
        _ => StdioInputKind.None,
    };

    public static AttachInput OfStdin(ReadOnlySpan<byte> data) => new() { Stdin = ByteString.CopyFrom(data) };

    public static AttachInput OfStdinClosed() => new() { StdinClosed = new Empty() };

    public static AttachInput OfResize(uint width, uint height) => new() { Resize = new WindowSize { Width = width, Height = height } };
}

public sealed partial class ExecInput : IStdioInput<ExecInput>
{
    public StdioInputKind StdioKind => InputCase switch
    {
        InputOneofCase.Stdin => StdioInputKind.Stdin,
        InputOneofCase.StdinClosed => StdioInputKind.StdinClosed,
        InputOneofCase.Resize => StdioInputKind.Resize,
        _ => StdioInputKind.None,
    };

    public static ExecInput OfStdin(ReadOnlySpan<byte> data) => new() { Stdin = ByteString.CopyFrom(data) };

    public static ExecInput OfStdinClosed() => new() { StdinClosed = new Empty() };

    public static ExecInput OfResize(uint width, uint height) => new() { Resize = new WindowSize { Width = width, Height = height } };
}
