using Berth.Core.Containers;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Tasks;
using Berth.Oci.Runtime;
using Berth.Runtime.Spec;

namespace Berth.Engine;

public sealed partial class ContainerEngine
{
    private const string ProcessTypeUrl = "types.containerd.io/opencontainers/runtime-spec/1/Process";

    /// <inheritdoc />
    public async ValueTask<IExecSession> ExecAsync(INamespaceScope scope, string container, ExecRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Command.Count == 0)
        {
            throw new InvalidArgumentException("No exec command specified");
        }

        var (found, record) = await FindAsync(scope, container, cancellationToken);
        string id = found.Id;
        var live = Live(scope.Namespace, id);
        var state = live.Running ? await tasks.GetAsync(scope, id, string.Empty, cancellationToken) : null;
        if (state is null || state.Status is not (ProcessStatus.Running or ProcessStatus.Paused))
        {
            throw new FailedPreconditionException($"Container {id} is not running");
        }

        if (state.Status == ProcessStatus.Paused)
        {
            throw new FailedPreconditionException($"Container {id} is paused, unpause the container before exec");
        }

        var process = ExecProcess(found, request, state.Pid);
        string execId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var io = ContainerIo.Open(syscalls, Path.Join(options.IoRoot, scope.Namespace, $"{id}.exec.{execId[..12]}"), request.Tty, request.Stdin, log: null, reopen: false);
        var attachment = new Attachment(live, new AttachStreams(request.Stdin, true, true), request.Tty,
            closeStdin: async () =>
            {
                await io.CloseStdinAsync();
                await tasks.CloseIOAsync(scope, id, execId, stdin: true, CancellationToken.None);
            },
            resize: (width, height) => tasks.ResizePtyAsync(scope, id, execId, width, height, CancellationToken.None));
        attachment.Bind(io);
        try
        {
            await tasks.ExecAsync(scope, id, execId, io.Paths, new PackedMessage(ProcessTypeUrl, RuntimeSpecJson.Serialize(process)), CancellationToken.None);
            PublishContainer(scope.Namespace, id, record, ExecAction("exec_create", request.Command), ("execID", execId));
            try
            {
                await tasks.StartAsync(scope, id, execId, CancellationToken.None);
                PublishContainer(scope.Namespace, id, record, ExecAction("exec_start", request.Command), ("execID", execId));
            }
            catch (BerthException)
            {
                await ((Task)tasks.DeleteProcessAsync(scope, id, execId, CancellationToken.None).AsTask()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw;
            }
        }
        catch (BerthException)
        {
            await io.DisposeAsync();
            throw;
        }

        return new ExecSession(execId, attachment, PublishExecDieAsync(WatchExecAsync(scope, id, execId, io), scope.Namespace, id, record, execId));
    }

    /// <summary>The container's process with the exec's command, environment, folder, user and terminal.</summary>
    private static ProcessSpec ExecProcess(Container container, ExecRequest request, uint pid)
    {
        var spec = RuntimeSpecJson.Parse((container.Spec ?? throw new FailedPreconditionException($"container {container.Id} has no spec")).Value.Span);
        var process = spec.Process ?? new ProcessSpec();
        process.Args = [.. request.Command];
        process.Env = [.. EffectiveConfig.MergeEnv(process.Env ?? [], request.Env)];
        process.Cwd = request.WorkingDir is { Length: > 0 } folder ? folder : process.Cwd;
        process.Terminal = request.Tty;
        process.ConsoleSize = null;
        if (request.User is { Length: > 0 } user)
        {
            // The running container's files, through its init process: its /etc/passwd and /etc/group name the user.
            var resolved = UserResolver.Resolve(user, $"/proc/{pid}/root");
            process.User = new UserSpec { Uid = resolved.Uid, Gid = resolved.Gid, AdditionalGids = [.. resolved.AdditionalGids] };
        }

        if (request.Privileged)
        {
            List<string> all = [.. Capabilities.All];
            process.Capabilities = new LinuxCapabilities { Bounding = all, Effective = all, Permitted = [.. all] };
        }

        return process;
    }

    /// <summary>Waits for an exec'd process to end, lets its output drain, and deletes it from the task.</summary>
    private async Task<int> WatchExecAsync(INamespaceScope scope, string id, string execId, ContainerIo io)
    {
        int code;
        try
        {
            code = (int)(await tasks.WaitAsync(scope, id, execId, _stopping.Token)).ExitStatus;
            await io.Completion.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await tasks.DeleteProcessAsync(scope, id, execId, CancellationToken.None);
        }
        catch (BerthException ex)
        {
            LogWaitFailed(logger, scope.Namespace, $"{id} exec {execId}", ex.Message);
            code = 255;
        }
        finally
        {
            await io.DisposeAsync();
        }

        return code;
    }
}
