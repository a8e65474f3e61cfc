using Berth.Api.Containers.V1;
using Berth.Core.Logs;
using Google.Protobuf;
using Grpc.Core;

namespace Berth.Services.Tests.Engine;

/// <summary>Exec as any client sees it, with no berth proxy in between to smooth over the order of the messages.</summary>
public sealed class EngineExecWireTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Exec_TheExecIdComesFirst_ThenTheOutput_ThenTheExitCodeLast()
    {
        var engine = EngineExecTests.Engine();
        await using var host = await EngineTestHost.StartAsync(engine);
        using var call = host.RawClient().Exec(EngineTestHost.Namespace("default"), cancellationToken: Ct);
        var start = new ExecStart { Container = "quirky_name" };
        start.Command.Add("ls");
        await call.RequestStream.WriteAsync(new ExecInput { Start = start }, Ct);

        Assert.True(await call.ResponseStream.MoveNext(Ct).WaitAsync(Patience, Ct));
        var first = call.ResponseStream.Current;
        await engine.Exec.Output.Writer.WriteAsync(new(LogStream.Stderr, "oops"u8.ToArray()), Ct);
        engine.Exec.Output.Writer.Complete();
        engine.Exec.Exit.SetResult(2);
        var rest = new List<ExecOutput>();
        while (await call.ResponseStream.MoveNext(Ct).WaitAsync(Patience, Ct))
        {
            rest.Add(call.ResponseStream.Current);
        }

        Assert.Equal((engine.Exec.ExecId, false, 0), (first.ExecId, first.HasExitCode, first.Data.Length));
        Assert.Equal(2, rest.Count);
        Assert.Equal((Api.Containers.V1.Stream.Stderr, "oops", false), (rest[0].Stream, rest[0].Data.ToStringUtf8(), rest[0].HasExitCode));
        Assert.Equal((2, 0, ""), (rest[1].ExitCode, rest[1].Data.Length, rest[1].ExecId));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Exec_FirstMessageNotStart_InvalidArgument()
    {
        await using var host = await EngineTestHost.StartAsync(EngineExecTests.Engine());
        using var call = host.RawClient().Exec(EngineTestHost.Namespace("default"), cancellationToken: Ct);

        await call.RequestStream.WriteAsync(new ExecInput { Stdin = ByteString.CopyFromUtf8("x") }, Ct);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(Ct));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
