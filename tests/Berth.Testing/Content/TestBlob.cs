using Berth.Oci;

namespace Berth.Testing.Content;

/// <summary>Test content with its sha256 digest.</summary>
public sealed class TestBlob
{
    private static int _seed;

    public TestBlob(byte[] bytes)
    {
        Bytes = bytes;
        Digest = Digest.Sha256(bytes);
    }

    public byte[] Bytes { get; }

    public Digest Digest { get; }

    public long Size => Bytes.Length;

    /// <summary>Pseudo-random bytes; each call gives different content, the same sequence on every run.</summary>
    public static TestBlob Random(int size)
    {
        var bytes = new byte[size];
#pragma warning disable CA5394 // test data, not security
        new Random(Interlocked.Increment(ref _seed)).NextBytes(bytes);
#pragma warning restore CA5394
        return new TestBlob(bytes);
    }

    public static TestBlob Of(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    public override string ToString() => $"{Digest} ({Size} bytes)";
}
