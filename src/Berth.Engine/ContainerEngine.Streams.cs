using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Berth.Core.Engine;
using Berth.Core.Logs;
using Berth.Core.Metadata;

namespace Berth.Engine;

public sealed partial class ContainerEngine
{
    /// <inheritdoc />
    public async ValueTask<IContainerAttachment> AttachAsync(INamespaceScope scope, string container, AttachStreams streams, CancellationToken cancellationToken = default)
    {
        var (found, record) = await FindAsync(scope, container, cancellationToken);
        // A stopped container is attached to for its next start (docker's `start -a`); `attach` refuses one itself.
        var live = Live(scope.Namespace, found.Id);

        string id = found.Id;
        var attachment = new Attachment(live, streams, record.Request.Spec.Tty,
            closeStdin: async () =>
            {
                if (record.Request.StdinOnce && live.Io is { } io)
                {
                    await io.CloseStdinAsync();
                    await tasks.CloseIOAsync(scope, id, string.Empty, stdin: true, CancellationToken.None);
                }
            },
            resize: async (width, height) =>
            {
                if (live.Running)
                {
                    await tasks.ResizePtyAsync(scope, id, string.Empty, width, height, CancellationToken.None);
                    PublishContainer(scope.Namespace, id, record, "resize",
                        ("height", height.ToString(CultureInfo.InvariantCulture)), ("width", width.ToString(CultureInfo.InvariantCulture)));
                }
            });
        live.Attach(attachment);
        PublishContainer(scope.Namespace, id, record, "attach");
        return attachment;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<LogEntry> LogsAsync(INamespaceScope scope, string container, LogsRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (found, _) = await FindAsync(scope, container, cancellationToken);
        string path = LogPath(found.Id);
        var query = new LogQuery(request.Tail, request.Since, request.Until);
        IReadOnlyList<LogEntry> entries = [];
        _live.TryGetValue((scope.Namespace, found.Id), out var live);
        // Taken before the stdio is looked at: if that run is still going, this is its exit.
        var exited = live?.NextExit;
        var follow = request.Follow && live?.Io is { } io
            ? (Io: io, Output: io.Subscribe(() => entries = ReadLog(path, query)))
            : default;
        if (follow.Io is null)
        {
            entries = ReadLog(path, query);
        }

        foreach (var entry in entries)
        {
            yield return entry;
        }

        if (follow.Io is null)
        {
            yield break;
        }

        try
        {
            var lines = new LineCutter();
            await foreach (var chunk in follow.Output.ReadAllAsync(cancellationToken))
            {
                foreach (var entry in lines.Add(chunk))
                {
                    if (request.Until is { } until && entry.Time > until)
                    {
                        yield break;
                    }

                    yield return entry;
                }
            }

            foreach (var entry in lines.Rest())
            {
                yield return entry;
            }

            // As docker's: the follow ends once the container has stopped, so what the caller asks next sees it so.
            await exited!.WaitAsync(cancellationToken);
        }
        finally
        {
            follow.Io.Unsubscribe(follow.Output);
        }
    }

    private static IReadOnlyList<LogEntry> ReadLog(string path, LogQuery query) => File.Exists(path) ? JsonLogReader.Read(path, query) : [];

    /// <summary>Cuts followed output into entries as the log writer does: a line each, the rest kept for its newline.</summary>
    private sealed class LineCutter
    {
        private readonly StringBuilder[] _partial = [new(), new()];

        public List<LogEntry> Add(OutputChunk chunk)
        {
            var entries = new List<LogEntry>();
            var partial = _partial[(int)chunk.Stream];
            partial.Append(Encoding.UTF8.GetString(chunk.Data.Span));
            string text = partial.ToString();
            int start = 0;
            for (int newline = text.IndexOf('\n', start); newline >= 0; newline = text.IndexOf('\n', start))
            {
                entries.Add(new LogEntry(chunk.Stream, DateTimeOffset.UtcNow, text[start..(newline + 1)]));
                start = newline + 1;
            }

            partial.Clear().Append(text, start, text.Length - start);
            return entries;
        }

        public IEnumerable<LogEntry> Rest()
            => _partial.Select((p, i) => (Text: p.ToString(), Stream: (LogStream)i)).Where(p => p.Text.Length > 0)
                .Select(p => new LogEntry(p.Stream, DateTimeOffset.UtcNow, p.Text));
    }
}
