using System.Runtime.CompilerServices;
using Berth.Api.Containers.V1;
using Berth.Core.Engine;
using Grpc.Core;
using CoreOutputChunk = Berth.Core.Engine.OutputChunk;
using WireOutputChunk = Berth.Api.Containers.V1.OutputChunk;

namespace Berth.Client.Proxies;

internal sealed partial class ContainerEngineProxy
{
    public async ValueTask<IContainerAttachment> AttachAsync(string container, AttachStreams streams,
        CancellationToken cancellationToken = default)
    {
        var call = client.Attach(cancellationToken: CancellationToken.None);
        var attached = await OpenAsync(call, new AttachInput { Open = AttachOpen.FromCore(container, streams) },
            $"berthd ended the attach to {container} before attaching", cancellationToken).ConfigureAwait(false);
        return new Attachment(call, attached.Tty);
    }

    /// <summary>One attach call. Cancelling a read ends the call, as disposing does (gRPC cancels the whole call for it).</summary>
    private sealed class Attachment(AsyncDuplexStreamingCall<AttachInput, WireOutputChunk> call, bool tty)
        : StdioCall<AttachInput, WireOutputChunk>(call, "the attachment has ended: the container's streams are closed"), IContainerAttachment
    {
        public bool Tty => tty;

        public async IAsyncEnumerable<CoreOutputChunk> ReadOutputAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            ThrowIfDisposed();
            while (await Responses.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                yield return Responses.Current.ToCore();
            }
        }
    }
}
