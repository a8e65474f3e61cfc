using Berth.Core.Transfer;
using Berth.Services.Tests.TestHosting;

namespace Berth.Services.Tests.Transfer;

/// <summary>berth's gRPC services on a private unix socket, with a scripted <see cref="IImageTransfer"/> behind them.</summary>
internal sealed class TransferTestHost(IImageTransfer transfer) : FakeServicesHost("transfer", Adding(transfer))
{
    public static Task<TransferTestHost> StartAsync(IImageTransfer transfer) => StartAsync(new TransferTestHost(transfer));
}
