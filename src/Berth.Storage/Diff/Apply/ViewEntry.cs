using Berth.Linux;

namespace Berth.Storage.Diff.Apply;

/// <summary>One path as the layer sees it.</summary>
/// <param name="HostPath">Where it is on the host (in the root or in one of the lower folders).</param>
/// <param name="InRoot">Whether it is in the root the layer writes to, rather than in a lower folder.</param>
internal sealed record ViewEntry(string HostPath, FileStatus Status, bool InRoot);
