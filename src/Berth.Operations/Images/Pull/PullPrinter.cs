using Berth.Core.Transfer;

namespace Berth.Operations.Images.Pull;

/// <summary>
/// Shows a pull as docker does: one line per layer ("9ad63333ebc9: Pull complete") between lines about the whole image
/// ("latest: Pulling from library/busybox", "Digest: …"). A terminal gets live lines redrawn in place; anything else
/// gets a line each time a layer changes state.
/// </summary>
internal abstract class PullPrinter(TextWriter output)
{
    protected TextWriter Output => output;

    /// <param name="push">Word the states as `docker push` does ("Layer already exists").</param>
    public static PullPrinter Create(TextWriter output, bool terminal, int width, TimeProvider time, bool push = false)
        => terminal ? new TerminalPullPrinter(output, width, time) { Push = push } : new PlainPullPrinter(output) { Push = push };

    /// <summary>Whether this shows a push.</summary>
    public bool Push { get; init; }

    /// <summary>A line about the whole image.</summary>
    public virtual Task LineAsync(string text, CancellationToken cancellationToken) => output.WriteLineAsync(text.AsMemory(), cancellationToken);

    /// <summary>A step of one layer.</summary>
    public abstract Task LayerAsync(TransferProgress progress, CancellationToken cancellationToken);

    /// <summary>docker's words for a state (the bar follows for the states that carry one).</summary>
    protected string Words(TransferProgress progress) => progress.Status switch
    {
        TransferStatus.AlreadyExists when Push => "Layer already exists",
        // docker push names a layer not yet being uploaded "Preparing".
        TransferStatus.Waiting when Push => "Preparing",
        TransferStatus.Resolving => "Resolving",
        TransferStatus.Waiting => "Waiting",
        TransferStatus.Downloading => "Downloading",
        TransferStatus.Verifying => "Verifying Checksum",
        TransferStatus.Downloaded => "Download complete",
        TransferStatus.AlreadyExists => "Already exists",
        TransferStatus.Extracting => "Extracting",
        TransferStatus.Complete => "Pull complete",
        TransferStatus.Pushing => "Pushing",
        TransferStatus.Pushed => "Pushed",
        TransferStatus.Mounted => "Mounted from " + progress.Detail,
        TransferStatus.Done => "Done",
        _ => progress.Status.ToString(),
    };

    /// <summary>The states docker shows with a bar, which plain output leaves out (docker prints no bars there).</summary>
    protected static bool CarriesBar(TransferProgress progress)
        => progress.Status is TransferStatus.Downloading or TransferStatus.Extracting or TransferStatus.Pushing
            && (progress.Current > 0 || progress.Total > 0);
}

/// <summary>Plain lines: a layer's line is printed when its state changes, bars left out.</summary>
internal sealed class PlainPullPrinter(TextWriter output) : PullPrinter(output)
{
    private readonly Dictionary<string, TransferStatus> _states = [];

    public override async Task LayerAsync(TransferProgress progress, CancellationToken cancellationToken)
    {
        if (CarriesBar(progress) || (_states.TryGetValue(progress.Id, out var last) && last == progress.Status))
        {
            return;
        }

        _states[progress.Id] = progress.Status;
        await Output.WriteLineAsync($"{progress.Id}: {Words(progress)}".AsMemory(), cancellationToken);
    }
}
