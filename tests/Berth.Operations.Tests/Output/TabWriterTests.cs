using Berth.Operations.Output;

namespace Berth.Operations.Tests.Output;

public sealed class TabWriterTests
{
    [Fact]
    public void Render_DockerImagesTable_MinimumWidthTenAndPaddingThree()
    {
        var writer = new TabWriter();
        writer.AddLine("REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE");
        writer.AddLine("busybox\tlatest\tbeae173ccac6\t2 years ago\t1.24MB");

        Assert.Equal(
            "REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\n" +
            "busybox      latest    beae173ccac6   2 years ago   1.24MB\n", writer.Render());
    }

    [Fact]
    public void Render_LineWithFewerCells_EndsTheColumnBlock()
    {
        var writer = new TabWriter(minWidth: 0, padding: 1);
        writer.AddLine("a\tb\tc");
        writer.AddLine("longer\tx");
        writer.AddLine("no tabs here");
        writer.AddLine("q\tverylong\tz");

        Assert.Equal("a      b c\nlonger x\nno tabs here\nq verylong z\n", writer.Render());
    }
}
