using System.Runtime.CompilerServices;
using Berth.Api.Images.V1;
using Berth.Core.Transfer;
using Rpc = Berth.Api.Images.V1.Transfer;

namespace Berth.Client.Proxies;

/// <summary><see cref="IImageTransferClient"/> over berth's Transfer service.</summary>
internal sealed class ImageTransferProxy(Rpc.TransferClient client) : IImageTransferClient
{
    public async IAsyncEnumerable<TransferProgress> PullAsync(ImagePullRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var call = client.Pull(PullRequest.FromCore(request), cancellationToken: cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return call.ResponseStream.Current.ToCore();
        }
    }

    public async IAsyncEnumerable<TransferProgress> PushAsync(ImagePushRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var call = client.Push(PushRequest.FromCore(request), cancellationToken: cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return call.ResponseStream.Current.ToCore();
        }
    }

    public async ValueTask LoginAsync(string registry, RegistryCredentials credentials, CancellationToken cancellationToken = default)
        => await client.LoginAsync(new LoginRequest { Server = registry, Credentials = Credentials.FromCore(credentials) },
            cancellationToken: cancellationToken).ConfigureAwait(false);
}
