namespace Berth.Remotes.Pull;

/// <summary>A layer's download under way: the task ends when the blob is committed (its digest checked) or failed.</summary>
internal sealed record LayerDownload(Task Task, LayerArrival Arrival);
