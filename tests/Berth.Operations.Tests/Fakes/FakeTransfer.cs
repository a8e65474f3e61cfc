using System.Runtime.CompilerServices;
using Berth.Client;
using Berth.Core.Errors;
using Berth.Core.Transfer;

namespace Berth.Operations.Tests.Fakes;

/// <summary>Replays a progress script for pulls and pushes; accepts logins whose password is "right".</summary>
internal sealed class FakeTransfer : IImageTransferClient
{
    public IReadOnlyList<TransferProgress> Script { get; set; } = [];

    public ImagePullRequest? LastPull { get; private set; }

    public List<(string Registry, RegistryCredentials Credentials)> Logins { get; } = [];

    public async IAsyncEnumerable<TransferProgress> PullAsync(ImagePullRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LastPull = request;
        foreach (var progress in Script)
        {
            await Task.Yield();
            yield return progress;
        }
    }

    public List<ImagePushRequest> Pushes { get; } = [];

    /// <summary>Thrown by a push after the script, when set.</summary>
    public Exception? PushFailure { get; set; }

    public async IAsyncEnumerable<TransferProgress> PushAsync(ImagePushRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Pushes.Add(request);
        foreach (var progress in Script)
        {
            await Task.Yield();
            yield return progress;
        }

        if (PushFailure is not null)
        {
            throw PushFailure;
        }
    }

    public ValueTask LoginAsync(string registry, RegistryCredentials credentials, CancellationToken cancellationToken = default)
    {
        Logins.Add((registry, credentials));
        return credentials.Password == "right" || credentials.IdentityToken == "right-token"
            ? ValueTask.CompletedTask
            : ValueTask.FromException(new PermissionDeniedException($"login to {registry}: unauthorized: incorrect username or password"));
    }
}
