using Berth.Api.Conversions;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using CoreLogEntry = Berth.Core.Logs.LogEntry;
using CoreLogsRequest = Berth.Core.Engine.LogsRequest;
using CoreOutputChunk = Berth.Core.Engine.OutputChunk;

namespace Berth.Api.Containers.V1;

public sealed partial class OutputChunk
{
    public CoreOutputChunk ToCore() => new(Stream.ToCore(), Data.Memory);

    public static OutputChunk FromCore(CoreOutputChunk chunk)
        => new() { Stream = chunk.Stream.ToWire(), Data = ByteString.CopyFrom(chunk.Data.Span) };

    /// <summary>The first message of an attach: no bytes, only whether the container has a terminal.</summary>
    public static OutputChunk Attached(bool tty) => new() { Tty = tty };
}

public sealed partial class LogEntry
{
    public CoreLogEntry ToCore() => new(Stream.ToCore(), Wire.ToTime(Time), Text);

    public static LogEntry FromCore(CoreLogEntry entry)
        => new() { Stream = entry.Stream.ToWire(), Time = Wire.ToTimestamp(entry.Time), Text = entry.Text };
}

public sealed partial class LogsRequest
{
    /// <summary>The request; an absent since or until is no bound.</summary>
    public CoreLogsRequest ToCore() => new(Follow, HasTail ? Tail : null, Since?.ToDateTimeOffset(), Until?.ToDateTimeOffset());

    public static LogsRequest FromCore(string container, CoreLogsRequest request)
    {
        var wire = new LogsRequest
        {
            Container = container,
            Follow = request.Follow,
            Since = request.Since is { } since ? Timestamp.FromDateTimeOffset(since) : null,
            Until = request.Until is { } until ? Timestamp.FromDateTimeOffset(until) : null,
        };
        if (request.Tail is { } tail)
        {
            wire.Tail = tail;
        }

        return wire;
    }
}
