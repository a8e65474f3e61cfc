using Berth.Core.Plugins;

namespace Berth.Services.Introspection;

/// <summary>What the daemon says of itself through the Version and Introspection services.</summary>
/// <param name="Uuid">A stable identity of this daemon's root, kept across restarts.</param>
public sealed record ServerInfo(string Version, string Revision, string Uuid, IReadOnlyList<PluginInfo> Plugins);
