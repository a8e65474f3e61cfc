using System.Text;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Core.Tests.Manifests;

public sealed class ChainIdsTests
{
    [Fact]
    public void Of_DiffIds_FollowsTheOciFormula()
    {
        // Computed independently: sha256 of "<chain(n-1)> <diffid(n)>".
        Digest[] diffIds = [Digest.Sha256("a"u8), Digest.Sha256("b"u8), Digest.Sha256("c"u8)];

        var chain = ChainIds.Of(diffIds);

        Assert.Equal(diffIds[0], chain[0]);
        Assert.Equal("sha256:51c0c8ace48498d6f5fee6b0592cc06f2da0f3cbe09c5a34a97dce85c3889676", chain[1].ToString());
        Assert.Equal("sha256:2fce7f8ce91bcf0a1428b36e1024639fdbd9469eea762dba98aa749631885106", chain[2].ToString());
        Assert.Equal(chain[2], ChainIds.Top(diffIds));
        Assert.Equal(Digest.Sha256(Encoding.ASCII.GetBytes($"{chain[0]} {diffIds[1]}")), chain[1]);
    }

    [Fact]
    public void Top_NoLayers_Throws() => Assert.Throws<ArgumentException>(() => ChainIds.Top([]));
}
