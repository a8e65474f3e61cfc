using Berth.Api.Containers.V1;
using Berth.Core.Errors;

namespace Berth.Services.Tests.Engine;

/// <summary>A blkio weight beyond Core's ushort is refused the same way by run's options and by update, never clamped.</summary>
public sealed class BlkioWeightWireTests
{
    [Fact]
    public void RunOptionsAndUpdate_RefuseAWeightBeyondTheRange_AndCarryOneWithin()
    {
        var run = Assert.Throws<InvalidArgumentException>(() => new SpecOptions { BlkioWeight = 70000 }.ToCore());
        var update = Assert.Throws<InvalidArgumentException>(() => new ResourceUpdateRequest { BlkioWeight = 70000 }.ToCore());
        Assert.Equal("blkio weight 70000 is out of range: use 10 to 1000", run.Message);
        Assert.Equal(run.Message, update.Message);

        Assert.Equal((ushort)500, new SpecOptions { BlkioWeight = 500 }.ToCore().BlkioWeight);
        Assert.Equal((ushort)500, new ResourceUpdateRequest { BlkioWeight = 500 }.ToCore().BlkioWeight);
        Assert.Null(new ResourceUpdateRequest().ToCore().BlkioWeight);
    }
}
