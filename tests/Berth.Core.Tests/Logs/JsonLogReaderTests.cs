using Berth.Core.Errors;
using Berth.Core.Logs;

namespace Berth.Core.Tests.Logs;

public sealed class JsonLogReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("berth-jsonlog-").FullName;

    private string LogPath => Path.Join(_folder, "container-json.log");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_NanosecondTimesStreamsAndRotatedFilesOldestFirst()
    {
        File.WriteAllText(LogPath + ".2", Entry("one", "stdout", "2026-11-29T10:00:00.123456789Z"));
        File.WriteAllText(LogPath + ".1", Entry("two", "stderr", "2026-11-29T10:00:01Z"));
        File.WriteAllText(LogPath, Entry("three", "stdout", "2026-11-29T10:00:02.5Z"));

        var entries = JsonLogReader.Read(LogPath, new LogQuery());

        Assert.Equal(["one\n", "two\n", "three\n"], entries.Select(e => e.Text));
        Assert.Equal([LogStream.Stdout, LogStream.Stderr, LogStream.Stdout], entries.Select(e => e.Stream));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567), entries[0].Time);
    }

    [Fact]
    public void Read_TailThenSinceAndUntil_AsDockerAppliesThem()
    {
        File.WriteAllText(LogPath, string.Concat(Enumerable.Range(0, 6).Select(i => Entry($"l{i}", "stdout", $"2026-11-29T10:00:0{i}Z"))));
        var at = (int second) => new DateTimeOffset(2026, 11, 29, 10, 0, second, TimeSpan.Zero);

        Assert.Equal(["l4\n", "l5\n"], JsonLogReader.Read(LogPath, new LogQuery(Tail: 2)).Select(e => e.Text));
        Assert.Empty(JsonLogReader.Read(LogPath, new LogQuery(Tail: 0)));
        Assert.Equal(["l2\n", "l3\n"], JsonLogReader.Read(LogPath, new LogQuery(Since: at(2), Until: at(3))).Select(e => e.Text));
        Assert.Equal(["l5\n"], JsonLogReader.Read(LogPath, new LogQuery(Tail: 3, Since: at(5))).Select(e => e.Text));
    }

    [Fact]
    public void Read_TornLastLine_IsSkipped_DamageElsewhere_SaysWhere()
    {
        File.WriteAllText(LogPath, Entry("whole", "stdout", "2026-11-29T10:00:00Z") + """{"log":"torn","str""");
        Assert.Equal(["whole\n"], JsonLogReader.Read(LogPath, new LogQuery()).Select(e => e.Text));

        File.WriteAllText(LogPath, "not json\n" + Entry("after", "stdout", "2026-11-29T10:00:00Z"));
        var error = Assert.Throws<InternalException>(() => JsonLogReader.Read(LogPath, new LogQuery()));
        Assert.Contains("line 1", error.Message);
    }

    [Fact]
    public void Read_NoLogYet_IsEmpty() => Assert.Empty(JsonLogReader.Read(LogPath, new LogQuery()));

    private static string Entry(string text, string stream, string time)
        => $$"""{"log":"{{text}}\n","stream":"{{stream}}","time":"{{time}}"}""" + "\n";
}
