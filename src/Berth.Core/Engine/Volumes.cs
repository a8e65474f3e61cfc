using Berth.Core.Labels;
using Berth.Core.Metadata;

namespace Berth.Core.Engine;

/// <summary>A named volume as <c>docker volume inspect</c> shows it: a folder of the daemon's a container mounts.</summary>
/// <param name="Name">Its name; 64 hex digits for an anonymous one.</param>
public sealed record Volume(string Name)
{
    /// <summary>Always <c>local</c>: a folder under the daemon's root.</summary>
    public string Driver { get; init; } = "local";

    /// <summary>The folder containers see (<c>&lt;root&gt;/volumes/&lt;namespace&gt;/&lt;name&gt;/_data</c>).</summary>
    public string Mountpoint { get; init; } = string.Empty;

    /// <summary>When it was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>--label</c>s given at creation.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = LabelSet.Empty;

    /// <summary><c>--opt</c>s given at creation (the local driver takes none it acts on yet).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = LabelSet.Empty;

    /// <summary>Made for a container without a name (<c>-v /path</c>, an image's VOLUME); <c>rm -v</c> removes it.</summary>
    public bool Anonymous { get; init; }
}

/// <summary>What <c>docker volume create</c> asks for.</summary>
/// <param name="Name">Null for a generated (anonymous-looking) name.</param>
public sealed record VolumeCreate(string? Name)
{
    /// <summary><c>--label</c>s.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = LabelSet.Empty;

    /// <summary><c>--opt</c>s.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = LabelSet.Empty;

    /// <summary><c>--driver</c>; only <c>local</c> exists.</summary>
    public string Driver { get; init; } = "local";
}

/// <summary>A volume mounted into a container (<c>-v name:/path[:ro]</c>, <c>--mount type=volume</c>, <c>-v /path</c>).</summary>
/// <param name="Name">Null for an anonymous volume made for the container.</param>
public sealed record VolumeMount(string? Name, string Destination)
{
    /// <summary><c>:ro</c>.</summary>
    public bool ReadOnly { get; init; }

    /// <summary><c>nocopy</c>: an empty volume is not filled from the image.</summary>
    public bool NoCopy { get; init; }
}

/// <summary>
/// The namespace's volumes, under <c>&lt;root&gt;/volumes/&lt;namespace&gt;</c>. Errors in dockerd's words: NotFound
/// <c>get x: no such volume</c>, FailedPrecondition <c>remove x: volume is in use - [id]</c>.
/// </summary>
public interface IVolumeStore
{
    /// <summary>Makes a volume, or returns the one of that name (as docker does).</summary>
    ValueTask<Volume> CreateAsync(INamespaceScope scope, VolumeCreate request, CancellationToken cancellationToken = default);

    /// <summary>One volume.</summary>
    ValueTask<Volume> InspectAsync(INamespaceScope scope, string name, CancellationToken cancellationToken = default);

    /// <summary>Every volume of the namespace, by name.</summary>
    ValueTask<IReadOnlyList<Volume>> ListAsync(INamespaceScope scope, CancellationToken cancellationToken = default);

    /// <summary>Removes a volume no container uses (<paramref name="force"/>: a missing one is no error).</summary>
    ValueTask RemoveAsync(INamespaceScope scope, string name, bool force, CancellationToken cancellationToken = default);

    /// <summary>Removes the volumes no container uses (anonymous ones only unless <paramref name="all"/>); returns their names.</summary>
    ValueTask<IReadOnlyList<string>> PruneAsync(INamespaceScope scope, bool all, CancellationToken cancellationToken = default);
}
