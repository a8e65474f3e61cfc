using Berth.Core.Logs;
using Berth.Shim.Tests.Infrastructure;
using Berth.Testing;
using Containerd.Task.V2;

namespace Berth.Shim.Tests.Tasks;

/// <summary>berth-shim as the <c>binary://</c> logger of a container: docker's json-file log, both streams, rotation.</summary>
public sealed class JsonFileLoggerTests : IAsyncDisposable
{
    private readonly ShimHarness _shim = new();

    public ValueTask DisposeAsync() => _shim.DisposeAsync();

    [Fact]
    public async Task Container_StdoutAndStderr_LandInTheJsonFileLogInOrderOfEachStream()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = _shim.NewId();
        string bundle = await _shim.MakeBundleAsync(id, ["sh", "-c", "echo out1; echo err1 >&2; echo out2; printf tail"]);
        string log = _shim.Temp.Combine("logs", $"{id}-json.log");
        string uri = Logger(log, "max-size=1m&max-file=2");

        await _shim.Service.CreateAsync(new CreateTaskRequest { Id = id, Bundle = bundle, Stdout = uri, Stderr = uri }, ct);
        await _shim.Service.StartAsync(new StartRequest { Id = id }, ct);
        await _shim.Service.WaitAsync(new WaitRequest { Id = id }, ct);
        await _shim.Service.DeleteAsync(new DeleteRequest { Id = id }, ct);

        var entries = JsonLogReader.Read(log, new LogQuery());
        Assert.Equal(["out1\n", "out2\n", "tail"], entries.Where(e => e.Stream == LogStream.Stdout).Select(e => e.Text));
        Assert.Equal(["err1\n"], entries.Where(e => e.Stream == LogStream.Stderr).Select(e => e.Text));
        Assert.All(entries, e => Assert.True(e.Time > DateTimeOffset.UtcNow.AddMinutes(-1)));
    }

    [Fact]
    public async Task Container_ManyLines_RotateIntoMaxFileFiles()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = _shim.NewId();
        string bundle = await _shim.MakeBundleAsync(id, ["sh", "-c", "i=0; while [ $i -lt 200 ]; do echo line $i; i=$((i+1)); done"]);
        string log = _shim.Temp.Combine("logs", $"{id}-json.log");

        await _shim.Service.CreateAsync(new CreateTaskRequest { Id = id, Bundle = bundle, Stdout = Logger(log, "max-size=1k&max-file=3") }, ct);
        await _shim.Service.StartAsync(new StartRequest { Id = id }, ct);
        await _shim.Service.WaitAsync(new WaitRequest { Id = id }, ct);
        await _shim.Service.DeleteAsync(new DeleteRequest { Id = id }, ct);

        Assert.True(File.Exists(log + ".2") && !File.Exists(log + ".3"), "expected the log and two rotated files");
        var texts = JsonLogReader.Read(log, new LogQuery()).Select(e => e.Text).ToList();
        Assert.Equal("line 199\n", texts[^1]);
        Assert.InRange(texts.Count, 20, 60);
        Assert.Equal(Enumerable.Range(200 - texts.Count, texts.Count).Select(i => $"line {i}\n"), texts);
    }

    // The shim under test, run as its own logger: the query's words become its arguments.
    private static string Logger(string log, string options)
        => $"binary://{Path.Join(AppContext.BaseDirectory, "berth-shim")}?log&json-file&path={Uri.EscapeDataString(log)}&{options}";
}
