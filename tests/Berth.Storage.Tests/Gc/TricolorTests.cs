using Berth.Storage.Gc;

namespace Berth.Storage.Tests.Gc;

public sealed class TricolorTests
{
    private static readonly GcNode A = GcNode.Content("ns", "a");
    private static readonly GcNode B = GcNode.Content("ns", "b");
    private static readonly GcNode C = GcNode.Content("ns", "c");
    private static readonly GcNode D = GcNode.Content("ns", "d");

    [Fact]
    public void Mark_FollowsReferencesTransitively_AndSurvivesCycles()
    {
        var edges = new Dictionary<GcNode, GcNode[]> { [A] = [B], [B] = [C, A], [D] = [A] };

        var marked = Tricolor.Mark([A], n => edges.GetValueOrDefault(n with { Flat = false }, []));

        Assert.Equal(new HashSet<GcNode> { A, B, C }, marked);
    }

    [Fact]
    public void Mark_FlatRoot_IsMarkedWithoutTheFlag()
    {
        var marked = Tricolor.Mark([A with { Flat = true }], _ => []);

        Assert.Equal([A], marked);
    }

    [Fact]
    public void Mark_SameNodeFlatAndFull_VisitsBoth()
    {
        var visited = new List<GcNode>();

        Tricolor.Mark([A with { Flat = true }, A], n =>
        {
            visited.Add(n);
            return n.Flat ? [] : [B];
        });

        Assert.Equal(3, visited.Count);
    }
}
