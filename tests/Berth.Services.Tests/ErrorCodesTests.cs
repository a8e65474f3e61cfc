using Berth.Api.Conversions;
using Berth.Core.Errors;
using Grpc.Core;

namespace Berth.Services.Tests;

public sealed class ErrorCodesTests
{
    public static TheoryData<ErrorKind> Kinds() => [.. Enum.GetValues<ErrorKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Kind_RoundTripsThroughTheWire(ErrorKind kind)
    {
        var status = new Status(ErrorCodes.ToStatusCode(kind), "it failed");
        var back = Assert.IsAssignableFrom<BerthException>(ErrorCodes.FromRpcException(new RpcException(status)));
        Assert.Equal((kind, "it failed"), (back.Kind, back.Message));
    }

    [Fact]
    public void Cancelled_BecomesOperationCanceled()
        => Assert.IsType<OperationCanceledException>(ErrorCodes.FromRpcException(new RpcException(new Status(StatusCode.Cancelled, "gone"))));

    [Fact]
    public void OutOfRange_IsABadArgument_AsContainerdTreatsIt()
        => Assert.Equal(ErrorKind.InvalidArgument, ErrorCodes.ToErrorKind(StatusCode.OutOfRange));
}
