using Berth.Operations.Images.Pull;

namespace Berth.Operations.Tests.Images;

public sealed class ProgressBarTests
{
    [Fact]
    public void Render_WideTerminal_BarSizesAndTimeLeft()
        => Assert.Equal("[============>                                      ]     500B/2kB 30s",
            ProgressBar.Render(500, 2000, 120, TimeSpan.FromSeconds(10)));

    [Fact]
    public void Render_NarrowTerminal_SizesOnly()
        => Assert.Equal(" 1.049MB/4.194MB", ProgressBar.Render(1 << 20, 4 << 20, 80, null));

    [Fact]
    public void Render_UnknownTotal_CurrentOnly()
        => Assert.Equal("   2.1kB", ProgressBar.Render(2100, 0, 120, null));

    [Fact]
    public void Render_Nothing_Empty() => Assert.Equal(string.Empty, ProgressBar.Render(0, 0, 120, null));
}
