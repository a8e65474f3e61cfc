using System.Runtime.CompilerServices;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Transfer;

namespace Berth.Services.Tests.Transfer;

/// <summary>
/// An <see cref="IImageTransfer"/> that reports a fixed script; with a gate, it stops after the first item until the test
/// opens the gate, so a test can walk away mid-pull and see whether the pull still finishes.
/// </summary>
internal sealed class ScriptedImageTransfer(IReadOnlyList<TransferProgress> script) : IImageTransfer
{
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Gated { get; init; }

    public Exception? FailWith { get; init; }

    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public (INamespaceScope Scope, ImagePullRequest Request, CancellationToken Token)? LastPull { get; private set; }

    public (string Registry, RegistryCredentials Credentials)? LastLogin { get; private set; }

    public async IAsyncEnumerable<TransferProgress> PullAsync(INamespaceScope scope, ImagePullRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LastPull = (scope, request, cancellationToken);
        for (int i = 0; i < script.Count; i++)
        {
            if (i == 1 && Gated)
            {
                await Gate.Task;
            }

            yield return script[i];
        }

        if (FailWith is not null)
        {
            throw FailWith;
        }

        Finished.TrySetResult();
    }

    public (INamespaceScope Scope, ImagePushRequest Request)? LastPush { get; private set; }

    public async IAsyncEnumerable<TransferProgress> PushAsync(INamespaceScope scope, ImagePushRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LastPush = (scope, request);
        await foreach (var item in PullAsync(scope, new ImagePullRequest(request.Reference), cancellationToken))
        {
            yield return item;
        }
    }

    public ValueTask CheckLoginAsync(string registry, RegistryCredentials credentials, CancellationToken cancellationToken = default)
    {
        LastLogin = (registry, credentials);
        return credentials.Password == "right"
            ? ValueTask.CompletedTask
            : ValueTask.FromException(new PermissionDeniedException($"login to {registry} refused: unauthorized: check the user name and password"));
    }
}
