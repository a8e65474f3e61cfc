using Berth.Core.Errors;
using Berth.Operations.Namespaces;
using Berth.Operations.Output;

namespace Berth.Operations.Tests;

public sealed class TableWriterTests
{
    [Fact]
    public async Task Write_PadsColumnsByThreeAsDockerDoes()
    {
        var table = new TableWriter("NAME", "IMAGES", "LABELS");
        table.AddRow("default", "12", "");
        table.AddRow("k8s.io", "3", "a=b");
        var output = new StringWriter { NewLine = "\n" };

        await table.WriteAsync(output, TestContext.Current.CancellationToken);

        Assert.Equal("NAME      IMAGES   LABELS\ndefault   12\nk8s.io    3        a=b\n", output.ToString());
    }

    [Fact]
    public void AddRow_WrongCellCount_Throws() => Assert.Throws<ArgumentException>(() => new TableWriter("A", "B").AddRow("x"));

    [Fact]
    public void ParseLabels_KeyValueAndBareKey()
        => Assert.Equal(new Dictionary<string, string> { ["a"] = "b=c", ["flag"] = "" }, NamespaceOperations.ParseLabels(["a=b=c", "flag"]));

    [Fact]
    public void ParseLabels_EmptyKey_ThrowsInvalidArgument()
        => Assert.Throws<InvalidArgumentException>(() => NamespaceOperations.ParseLabels(["=x"]));
}
