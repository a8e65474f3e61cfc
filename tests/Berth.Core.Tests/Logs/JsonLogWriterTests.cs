using System.Text;
using System.Text.Json;
using Berth.Core.Logs;

namespace Berth.Core.Tests.Logs;

public sealed class JsonLogWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("berth-jsonlog-").FullName;
    private readonly SteppingClock _clock = new(new DateTimeOffset(2026, 11, 29, 22, 53, 17, TimeSpan.Zero).AddTicks(1234560));

    private string LogPath => Path.Join(_folder, "container-json.log");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Write_LinesBecomeDockerEntries_PartialLinesWaitForTheirNewline()
    {
        using (var writer = new JsonLogWriter(LogPath, new JsonLogOptions(), _clock))
        {
            writer.Write(LogStream.Stdout, "hel"u8);
            writer.Write(LogStream.Stderr, "oops\n"u8);
            writer.Write(LogStream.Stdout, "lo\nwor"u8);
            writer.Write(LogStream.Stdout, "ld \"<é>\"&\t\r\n"u8);
            writer.Write(LogStream.Stderr, [0xff, (byte)'x', 0xe2, 0x80, 0xa8, (byte)'\n']);
            writer.Write(LogStream.Stdout, "no newline"u8);
        }

        string[] lines = File.ReadAllLines(LogPath);
        Assert.Equal(
        [
            """{"log":"oops\n","stream":"stderr","time":"2026-11-29T22:53:17.123456Z"}""",
            """{"log":"hello\n","stream":"stdout","time":"2026-11-29T22:53:17.123457Z"}""",
            """{"log":"world \"\u003cé\u003e\"\u0026\u0009\r\n","stream":"stdout","time":"2026-11-29T22:53:17.123458Z"}""",
            """{"log":"\ufffdx\u2028\n","stream":"stderr","time":"2026-11-29T22:53:17.123459Z"}""",
            """{"log":"no newline","stream":"stdout","time":"2026-11-29T22:53:17.12346Z"}""",
        ], lines);
        Assert.All(lines, line => JsonDocument.Parse(line).Dispose());
    }

    [Fact]
    public void Rotate_AtMaxSize_KeepsMaxFileFilesNewestWithoutSuffix()
    {
        using (var writer = new JsonLogWriter(LogPath, new JsonLogOptions(MaxSize: 150, MaxFile: 3), _clock))
        {
            for (int i = 1; i <= 10; i++)
            {
                writer.Write(LogStream.Stdout, Encoding.UTF8.GetBytes($"line {i}\n"));
            }
        }

        Assert.Equal(["container-json.log", "container-json.log.1", "container-json.log.2"],
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // A file takes entries until it has reached 150 bytes, checked before each write as docker does: three ~74-byte
        // entries each, so 1-3 and the oldest file are gone, 4-6 and 7-9 are rotated, 10 is live.
        var texts = JsonLogReader.Read(LogPath, new LogQuery()).Select(e => e.Text).ToList();
        Assert.Equal(["line 4\n", "line 5\n", "line 6\n", "line 7\n", "line 8\n", "line 9\n", "line 10\n"], texts);
        Assert.Equal(["line 10\n"], JsonLogReader.Read(LogPath, new LogQuery(Tail: 1)).Select(e => e.Text));
    }

    [Fact]
    public void Rotate_WithOneFile_EmptiesItInPlace()
    {
        using (var writer = new JsonLogWriter(LogPath, new JsonLogOptions(MaxSize: 100, MaxFile: 1), _clock))
        {
            for (int i = 1; i <= 5; i++)
            {
                writer.Write(LogStream.Stdout, Encoding.UTF8.GetBytes($"line {i}\n"));
            }
        }

        Assert.Equal(["container-json.log"], Directory.GetFiles(_folder).Select(Path.GetFileName));
        Assert.Equal(["line 5\n"], JsonLogReader.Read(LogPath, new LogQuery()).Select(e => e.Text));
    }

    [Fact]
    public void Reopen_AppendsToTheExistingLog()
    {
        using (var first = new JsonLogWriter(LogPath, new JsonLogOptions(), _clock))
        {
            first.Write(LogStream.Stdout, "before restart\n"u8);
        }

        using (var second = new JsonLogWriter(LogPath, new JsonLogOptions(), _clock))
        {
            second.Write(LogStream.Stdout, "after restart\n"u8);
        }

        Assert.Equal(["before restart\n", "after restart\n"], JsonLogReader.Read(LogPath, new LogQuery()).Select(e => e.Text));
    }

    /// <summary>A clock that moves on by 1 µs each time it is read.</summary>
    internal sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow()
        {
            var now = _now;
            _now = _now.AddTicks(10);
            return now;
        }
    }
}
