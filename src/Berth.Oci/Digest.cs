using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Berth.Oci;

/// <summary>A content digest, <c>algorithm:encoded</c>, as the OCI image spec defines it ("Digests").</summary>
/// <remarks>Only sha256 and sha512 are verifiable; other well-formed algorithms parse but cannot be computed.</remarks>
public readonly record struct Digest
{
    private Digest(string algorithm, string encoded)
    {
        Algorithm = algorithm;
        Encoded = encoded;
    }

    /// <summary>The algorithm part, such as <c>sha256</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The encoded part: lowercase hex for sha256 and sha512.</summary>
    public string Encoded { get; }

    /// <summary>True for the default value, which names no content.</summary>
    public bool IsEmpty => Algorithm is null;

    /// <summary>The digest of zero bytes, with sha256.</summary>
    /// <remarks>Written out rather than computed: hashing at type load would pull in OpenSSL (megabytes of memory) before it is needed.</remarks>
    public static Digest EmptySha256 { get; } = new("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    /// <summary>Parses <paramref name="text"/>, throwing <see cref="FormatException"/> when it is not a valid digest.</summary>
    public static Digest Parse(string text)
        => TryParse(text, out var digest) ? digest : throw new FormatException($"invalid digest \"{text}\": want algorithm:hex, such as sha256:<64 hex digits>");

    /// <summary>Parses <paramref name="text"/> without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Digest digest)
    {
        digest = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        string algorithm = text[..colon];
        string encoded = text[(colon + 1)..];
        if (!IsValidAlgorithm(algorithm) || !IsValidEncoded(algorithm, encoded))
        {
            return false;
        }

        digest = new Digest(algorithm, encoded);
        return true;
    }

    /// <summary>The sha256 digest of <paramref name="data"/>.</summary>
    public static Digest Sha256(ReadOnlySpan<byte> data) => FromSha256Hash(SHA256.HashData(data));

    /// <summary>Wraps a finished sha256 hash.</summary>
    public static Digest FromSha256Hash(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("a sha256 hash is 32 bytes", nameof(hash));
        }

        return new Digest("sha256", Convert.ToHexStringLower(hash));
    }

    /// <summary>Wraps a finished hash of the given algorithm (sha256 or sha512).</summary>
    public static Digest FromHash(string algorithm, ReadOnlySpan<byte> hash)
    {
        var digest = new Digest(algorithm, Convert.ToHexStringLower(hash));
        return IsValidEncoded(algorithm, digest.Encoded) ? digest : throw new ArgumentException($"a {algorithm} hash of {hash.Length} bytes is not valid");
    }

    /// <summary>The .NET name of the algorithm, when this digest can be verified.</summary>
    public bool TryGetHashAlgorithm(out HashAlgorithmName name)
    {
        name = Algorithm switch
        {
            "sha256" => HashAlgorithmName.SHA256,
            "sha512" => HashAlgorithmName.SHA512,
            _ => default,
        };
        return name != default;
    }

    /// <inheritdoc />
    public override string ToString() => IsEmpty ? string.Empty : $"{Algorithm}:{Encoded}";

    // OCI image-spec: algorithm ::= algorithm-component (algorithm-separator algorithm-component)*,
    // algorithm-component ::= [a-z0-9]+, algorithm-separator ::= [+._-].
    private static bool IsValidAlgorithm(string algorithm)
    {
        bool previousWasSeparator = true;
        foreach (char c in algorithm)
        {
            bool separator = c is '+' or '.' or '_' or '-';
            if (separator ? previousWasSeparator : !(char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c)))
            {
                return false;
            }

            previousWasSeparator = separator;
        }

        return !previousWasSeparator;
    }

    private static bool IsValidEncoded(string algorithm, string encoded) => algorithm switch
    {
        "sha256" => encoded.Length == 64 && IsLowerHex(encoded),
        "sha512" => encoded.Length == 128 && IsLowerHex(encoded),
        _ => encoded.All(c => char.IsAsciiLetterOrDigit(c) || c is '=' or '_' or '-'),
    };

    private static bool IsLowerHex(string s) => s.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
