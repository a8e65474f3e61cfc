using Berth.Core.Content;
using Berth.Core.Diff;
using Berth.Core.Errors;
using Berth.Core.Mounts;
using Berth.Oci;

namespace Berth.Storage.Tests.Metadata.Fakes;

/// <summary>A diff service that only remembers the content store it was made for.</summary>
public sealed class RecordingDiffService(IContentStore content) : IDiffService
{
    public IContentStore Content { get; } = content;

    public ValueTask<Descriptor> ApplyAsync(Descriptor layer, IReadOnlyList<Mount> mounts, DiffApplyOptions? options = null,
        CancellationToken cancellationToken = default) => throw new UnimplementedException("the test diff service applies nothing");

    public ValueTask<Descriptor> ApplyAsync(Descriptor layer, Core.Content.IContentReader blob, IReadOnlyList<Mount> mounts,
        CancellationToken cancellationToken = default) => throw new UnimplementedException("the test diff service applies nothing");

    public ValueTask<Descriptor> CompareAsync(IReadOnlyList<Mount> lower, IReadOnlyList<Mount> upper, DiffCompareOptions? options = null,
        CancellationToken cancellationToken = default) => throw new UnimplementedException("the test diff service compares nothing");
}
