namespace Berth.Shim.Stdio;

/// <summary>What a process holds of its streams once started: pipes with copies, or a console.</summary>
internal interface IProcessStdio : IAsyncDisposable
{
    /// <summary>Completes when the output has been copied to the end, or when it has made no progress for <paramref name="idle"/>.</summary>
    Task WaitDrainedAsync(TimeSpan idle);

    /// <summary>Closes the shim's hold on stdin, so the process sees EOF once the client closes its end (CloseIO).</summary>
    void CloseStdin();

    /// <summary>Sets the window size; a no-op without a terminal.</summary>
    void Resize(ushort columns, ushort rows);
}
