using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using Berth.Integration.Tests.Infrastructure;
using Containerd.Events;
using Containerd.Services.Events.Ttrpc.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Integration.Tests.Ttrpc;

/// <summary>
/// berthd's ttrpc socket ("&lt;address&gt;.ttrpc"), where shims forward task events: a forwarded envelope reaches `ctr
/// events`. The frame is written here from the protocol's description, independently of Berth.Ttrpc.
/// </summary>
public sealed class EventsForwardTests(EngineFixture engine)
{
    [Fact]
    public async Task Forward_OnTtrpcSocket_ReachesCtrEvents()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        string container = "fwd-" + Guid.NewGuid().ToString("N")[..8];
        var info = new ProcessStartInfo(Infrastructure.Ctr.Path, ["--address", engine.Daemon.Address, "events"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var events = Process.Start(info)!;
        var lines = new List<string>();
        var reader = Task.Run(async () =>
        {
            while (await events.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        });
        try
        {
            await Task.Delay(500); // let the subscription start
            var status = await ForwardAsync(engine.Daemon.Address + ".ttrpc", new ForwardRequest
            {
                Envelope = new()
                {
                    Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                    Namespace = ns,
                    Topic = "/tasks/exit",
                    Event = new Any { TypeUrl = "containerd.events.TaskExit", Value = new TaskExit { ContainerId = container, ExitStatus = 7 }.ToByteString() },
                },
            });
            Assert.Equal(0, status.Code);

            Func<string, bool> seen = l => l.Contains("/tasks/exit", StringComparison.Ordinal) && l.Contains(ns, StringComparison.Ordinal)
                && l.Contains(container, StringComparison.Ordinal);
            for (int i = 0; i < 100 && !Snapshot(lines).Any(seen); i++)
            {
                await Task.Delay(50);
            }

            Assert.True(Snapshot(lines).Any(seen), $"no forwarded /tasks/exit for {container} in:\n{string.Join('\n', Snapshot(lines))}");
        }
        finally
        {
            events.Kill();
            await events.WaitForExitAsync();
            await reader;
        }
    }

    [Fact]
    public async Task Stop_RemovesTheTtrpcSocket()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var daemon = await BerthDaemon.StartNewAsync();
        Assert.True(File.Exists(daemon.Address + ".ttrpc"));

        Assert.Equal(0, await daemon.StopAsync());

        Assert.False(File.Exists(daemon.Address + ".ttrpc"));
    }

    /// <summary>One ttrpc call: a 10-byte header (length, stream id, type 1), a Request {service, method, payload}.</summary>
    private static async Task<Google.Rpc.Status> ForwardAsync(string socketPath, ForwardRequest forward)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        await using var stream = new NetworkStream(socket);
        var request = new MemoryStream();
        var output = new CodedOutputStream(request);
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteString("containerd.services.events.ttrpc.v1.Events");
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteString("Forward");
        output.WriteTag(3, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(forward.ToByteString());
        output.Flush();
        var header = new byte[10];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)request.Length);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 1);
        header[8] = 1;
        await stream.WriteAsync(header);
        await stream.WriteAsync(request.ToArray());

        await stream.ReadExactlyAsync(header);
        Assert.Equal((1u, (byte)2), (BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)), header[8]));
        var response = new byte[BinaryPrimitives.ReadUInt32BigEndian(header)];
        await stream.ReadExactlyAsync(response);
        var input = new CodedInputStream(response);
        var status = new Google.Rpc.Status();
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1)
            {
                input.ReadMessage(status);
            }
            else
            {
                input.SkipLastField();
            }
        }

        return status;
    }

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }
}
