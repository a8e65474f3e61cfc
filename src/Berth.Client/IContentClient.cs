using Berth.Core.Content;

namespace Berth.Client;

/// <summary>
/// A namespace's blobs as a client sees them: read, inspect, relabel and delete. New content arrives through the
/// daemon's transfers (<see cref="IImageTransferClient"/>), so the client has no writer.
/// </summary>
public interface IContentClient : IContentProvider, IContentManager
{
}
