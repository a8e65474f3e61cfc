using Berth.Core.Transfer;

namespace Berth.Operations.Images.Pull;

/// <summary>
/// Live layer lines as docker draws them: each layer owns a line, in the order layers first appear; an update moves
/// the cursor up to that line (ESC[nA), clears it (ESC[2K), rewrites it and moves back down (ESC[nB). A line about the
/// whole image starts a new block, as docker's does.
/// </summary>
internal sealed class TerminalPullPrinter(TextWriter output, int width, TimeProvider time) : PullPrinter(output)
{
    private const string Escape = "\u001b[";
    private readonly Dictionary<string, int> _lines = [];
    private readonly Dictionary<(string, TransferStatus), DateTimeOffset> _started = [];

    public override Task LineAsync(string text, CancellationToken cancellationToken)
    {
        _lines.Clear();
        return base.LineAsync(text, cancellationToken);
    }

    public override async Task LayerAsync(TransferProgress progress, CancellationToken cancellationToken)
    {
        if (!_lines.TryGetValue(progress.Id, out int line))
        {
            line = _lines.Count;
            _lines[progress.Id] = line;
            await Output.WriteAsync("\n".AsMemory(), cancellationToken);
        }

        int up = _lines.Count - line;
        // docker draws a bar only while bytes move: "Download complete", "Pushed", "Layer already exists" stand alone.
        string bar = CarriesBar(progress) ? ProgressBar.Render(progress.Current, progress.Total, width, Elapsed(progress)) : string.Empty;
        await Output.WriteAsync($"{Escape}{up}A{Escape}2K\r{progress.Id}: {Words(progress)} {bar}\r{Escape}{up}B".AsMemory(), cancellationToken);
        await Output.FlushAsync(cancellationToken);
    }

    private TimeSpan? Elapsed(TransferProgress progress)
    {
        if (!CarriesBar(progress))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var key = (progress.Id, progress.Status);
        return _started.TryAdd(key, now) ? null : now - _started[key];
    }
}
