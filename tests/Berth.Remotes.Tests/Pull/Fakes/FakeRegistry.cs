using System.Collections.Concurrent;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Registry;

namespace Berth.Remotes.Tests.Pull.Fakes;

/// <summary>
/// An in-memory registry behind <see cref="IRegistryClientFactory"/>: blobs by digest, tags by reference. Tests make it
/// slow (<see cref="ChunkDelay"/>), hold a blob back (<see cref="Gates"/>), cut a download off once
/// (<see cref="FailOnceAfter"/>), serve wrong bytes (<see cref="Corrupt"/>), and read what was fetched (<see cref="Fetches"/>).
/// </summary>
internal sealed class FakeRegistry : IRegistryClientFactory
{
    public const string Host = "registry.test:5000";

    public ConcurrentDictionary<Digest, byte[]> Blobs { get; } = new();

    public ConcurrentDictionary<string, Descriptor> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Every fetch, in order: the blob and the offset asked for.</summary>
    public ConcurrentQueue<(Digest Digest, long Offset)> Fetches { get; } = new();

    /// <summary>Blobs whose served bytes have one byte flipped (the digest the descriptor gives is then wrong).</summary>
    public ConcurrentDictionary<Digest, bool> Corrupt { get; } = new();

    /// <summary>Blobs whose next download breaks (IOException) after that many bytes; the entry is used up by it.</summary>
    public ConcurrentDictionary<Digest, long> FailOnceAfter { get; } = new();

    /// <summary>Blobs whose download waits for the task before sending its last chunk.</summary>
    public ConcurrentDictionary<Digest, Task> Gates { get; } = new();

    /// <summary>A pause before each chunk of every blob.</summary>
    public TimeSpan ChunkDelay { get; set; }

    public int ChunkSize { get; set; } = 16 * 1024;

    /// <summary>Whether the client checks the digest of a download read from offset 0, as the real one does.</summary>
    public bool VerifyFullReads { get; set; } = true;

    public int ResolveCount;

    private int _openStreams;
    private int _maxOpenStreams;

    /// <summary>The most blob downloads that were open at once.</summary>
    public int MaxOpenStreams => Volatile.Read(ref _maxOpenStreams);

    internal void StreamOpened()
    {
        int open = Interlocked.Increment(ref _openStreams);
        for (int max = _maxOpenStreams; open > max && Interlocked.CompareExchange(ref _maxOpenStreams, open, max) != max; max = _maxOpenStreams)
        {
        }
    }

    internal void StreamClosed() => Interlocked.Decrement(ref _openStreams);

    public IRegistryClient Create(string registry, RegistryCredentials? credentials) => new FakeRegistryClient(this, registry);

    /// <summary>Adds an image's blobs and tags it.</summary>
    public ImageReference Push(string name, TestImage image)
    {
        var reference = ImageReference.Parse($"{Host}/{name}");
        foreach (var (digest, blob) in image.Blobs)
        {
            Blobs[digest] = blob;
        }

        Tags[reference.ToString()] = image.Root with { Platform = null };
        return reference;
    }

    public int FetchCount(Digest digest) => Fetches.Count(f => f.Digest == digest);
}
