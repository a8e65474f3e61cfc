using Berth.Core.Content;

namespace Berth.Testing.Content;

/// <summary>
/// What every <see cref="IContentStore"/> must do (containerd's core/content/testsuite). Derive, implement
/// <see cref="CreateStoreAsync"/>, and every test here runs against the store. Tests assume nothing about how the store
/// keeps its data; each gets an empty folder and a fresh store. A store that does not keep labels overrides
/// <see cref="SupportsLabels"/>: labels given at commit are then expected to be ignored.
/// </summary>
public abstract partial class ContentStoreConformanceTests : IAsyncLifetime
{
    // Stores may keep coarser times than DateTimeOffset, and file times come from the kernel's coarse clock.
    private static readonly TimeSpan TimeSlack = TimeSpan.FromSeconds(1);

    private readonly TempDirectory _root = new("content");
    private IContentStore? _store;

    /// <summary>Whether the store keeps labels; when false, label tests are skipped and labels at commit are ignored.</summary>
    protected virtual bool SupportsLabels => true;

    /// <summary>The store under test, made by <see cref="CreateStoreAsync"/> in an empty folder.</summary>
    protected IContentStore Store => _store ?? throw new InvalidOperationException("the store is created in InitializeAsync");

    /// <summary>The folder the store was created in.</summary>
    protected string StoreRoot => _root.Path;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Makes the store under test in <paramref name="root"/>, an empty folder the test owns.</summary>
    protected abstract ValueTask<IContentStore> CreateStoreAsync(string root);

    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync(_root.Path);

    public virtual async ValueTask DisposeAsync()
    {
        switch (_store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

        _root.Dispose();
        GC.SuppressFinalize(this);
    }

    protected static ContentWriterOptions Options(string reference, TestBlob? blob = null)
        => new(reference) { ExpectedSize = blob?.Size ?? 0, ExpectedDigest = blob?.Digest };

    /// <summary>Writes and commits <paramref name="blob"/> under a ref of its own.</summary>
    protected async Task CommitAsync(TestBlob blob, IReadOnlyDictionary<string, string>? labels = null)
    {
        await using var writer = await Store.OpenWriterAsync(Options($"commit-{blob.Digest.Encoded}", blob), Ct);
        await WriteAsync(writer, blob.Bytes);
        await writer.CommitAsync(blob.Size, blob.Digest, labels, Ct);
    }

    /// <summary>Writes <paramref name="bytes"/> in chunks of <paramref name="chunk"/> bytes, as a network copy would.</summary>
    protected static async Task WriteAsync(IContentWriter writer, ReadOnlyMemory<byte> bytes, int chunk = 1000)
    {
        for (int offset = 0; offset < bytes.Length; offset += chunk)
        {
            await writer.WriteAsync(bytes.Slice(offset, Math.Min(chunk, bytes.Length - offset)), Ct);
        }
    }

    protected static void AssertTimeBetween(DateTimeOffset actual, DateTimeOffset earliest, DateTimeOffset latest, string what)
        => Assert.True(
            actual >= earliest - TimeSlack && actual <= latest + TimeSlack,
            $"{what} {actual:O} is not between {earliest:O} and {latest:O}");

    protected async Task AssertInfoAsync(
        TestBlob blob, DateTimeOffset earliest, DateTimeOffset latest, IReadOnlyDictionary<string, string>? labels = null)
    {
        var info = await Store.InfoAsync(blob.Digest, Ct);
        Assert.Equal(blob.Digest, info.Digest);
        Assert.Equal(blob.Size, info.Size);
        AssertTimeBetween(info.CreatedAt, earliest, latest, "created at");
        AssertTimeBetween(info.UpdatedAt, earliest, latest, "updated at");
        var expectedLabels = SupportsLabels && labels is not null ? labels : new Dictionary<string, string>();
        Assert.Equal(expectedLabels.OrderBy(l => l.Key), info.Labels.OrderBy(l => l.Key));
    }

    protected async Task AssertContentAsync(TestBlob blob)
        => Assert.Equal(blob.Bytes, await Store.ReadAllBytesAsync(blob.Digest, Ct));

    protected static async Task AssertStatusAsync(
        IContentWriter writer, string reference, long offset, long total, ReadOnlyMemory<byte> writtenSoFar)
    {
        var status = await writer.StatusAsync(Ct);
        Assert.Equal(reference, status.Ref);
        Assert.Equal(offset, status.Offset);
        Assert.Equal(total, status.Total);
        Assert.Equal(Oci.Digest.Sha256(writtenSoFar.Span), writer.Digest);
    }
}
