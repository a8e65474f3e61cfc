using System.Text;

namespace Berth.Oci.Manifests;

/// <summary>
/// Chain IDs (OCI image spec, "Layer ChainID"): the identity of a stack of layers, which names the snapshot of an
/// unpacked image. ChainID(L0) = DiffID(L0); ChainID(L0..Ln) = sha256(ChainID(L0..Ln-1) + " " + DiffID(Ln)).
/// </summary>
public static class ChainIds
{
    /// <summary>The chain ID of each prefix of <paramref name="diffIds"/>: element i names layers 0..i applied in order.</summary>
    public static IReadOnlyList<Digest> Of(IReadOnlyList<Digest> diffIds)
    {
        var chain = new Digest[diffIds.Count];
        for (int i = 0; i < chain.Length; i++)
        {
            chain[i] = i == 0 ? diffIds[0] : Digest.Sha256(Encoding.ASCII.GetBytes($"{chain[i - 1]} {diffIds[i]}"));
        }

        return chain;
    }

    /// <summary>The chain ID of all of <paramref name="diffIds"/>; throws <see cref="ArgumentException"/> when there are none.</summary>
    public static Digest Top(IReadOnlyList<Digest> diffIds)
        => diffIds.Count > 0 ? Of(diffIds)[^1] : throw new ArgumentException("an image without layers has no chain ID", nameof(diffIds));
}
