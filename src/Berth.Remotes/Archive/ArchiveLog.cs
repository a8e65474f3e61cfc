using Microsoft.Extensions.Logging;

namespace Berth.Remotes.Archive;

internal static partial class ArchiveLog
{
    [LoggerMessage(1, LogLevel.Information, "exported {Manifests} images ({Blobs} blobs) of namespace {Namespace}")]
    public static partial void Exported(ILogger logger, string @namespace, int manifests, int blobs);

    [LoggerMessage(2, LogLevel.Information, "imported image {Name} ({Id}) into namespace {Namespace}")]
    public static partial void Imported(ILogger logger, string @namespace, string name, string id);

    [LoggerMessage(3, LogLevel.Warning, "import into namespace {Namespace} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string @namespace, string reason);

    [LoggerMessage(4, LogLevel.Warning, "could not delete lease {Lease} of an import: {Reason}")]
    public static partial void LeaseDeleteFailed(ILogger logger, string lease, string reason);
}
