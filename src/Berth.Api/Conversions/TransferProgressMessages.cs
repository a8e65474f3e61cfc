using Berth.Core.Errors;
using Berth.Core.Transfer;

namespace Berth.Api.Images.V1;

public sealed partial class PullProgress
{
    public TransferProgress ToCore()
        => new(Id, ToCore(Status), Current, Total) { Detail = Detail.Length == 0 ? null : Detail };

    public static PullProgress FromCore(TransferProgress progress) => new()
    {
        Id = progress.Id,
        Status = FromCore(progress.Status),
        Current = progress.Current,
        Total = progress.Total,
        Detail = progress.Detail ?? string.Empty,
    };

    private static TransferStatus ToCore(ProgressStatus status) => status switch
    {
        ProgressStatus.Resolving => TransferStatus.Resolving,
        ProgressStatus.Waiting => TransferStatus.Waiting,
        ProgressStatus.Downloading => TransferStatus.Downloading,
        ProgressStatus.Verifying => TransferStatus.Verifying,
        ProgressStatus.Downloaded => TransferStatus.Downloaded,
        ProgressStatus.AlreadyExists => TransferStatus.AlreadyExists,
        ProgressStatus.Extracting => TransferStatus.Extracting,
        ProgressStatus.Complete => TransferStatus.Complete,
        ProgressStatus.Pushing => TransferStatus.Pushing,
        ProgressStatus.Pushed => TransferStatus.Pushed,
        ProgressStatus.Mounted => TransferStatus.Mounted,
        ProgressStatus.Done => TransferStatus.Done,
        _ => throw new InvalidArgumentException($"progress status {(int)status} is unknown to this client: update berth to match berthd"),
    };

    private static ProgressStatus FromCore(TransferStatus status) => status switch
    {
        TransferStatus.Resolving => ProgressStatus.Resolving,
        TransferStatus.Waiting => ProgressStatus.Waiting,
        TransferStatus.Downloading => ProgressStatus.Downloading,
        TransferStatus.Verifying => ProgressStatus.Verifying,
        TransferStatus.Downloaded => ProgressStatus.Downloaded,
        TransferStatus.AlreadyExists => ProgressStatus.AlreadyExists,
        TransferStatus.Extracting => ProgressStatus.Extracting,
        TransferStatus.Complete => ProgressStatus.Complete,
        TransferStatus.Pushing => ProgressStatus.Pushing,
        TransferStatus.Pushed => ProgressStatus.Pushed,
        TransferStatus.Mounted => ProgressStatus.Mounted,
        TransferStatus.Done => ProgressStatus.Done,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "a transfer status without a wire value"),
    };
}
