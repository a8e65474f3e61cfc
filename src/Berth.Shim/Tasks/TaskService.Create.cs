using Berth.Core.Errors;
using Berth.Shim.Processes;
using Berth.Shim.Runtime;
using Berth.Shim.Stdio;
using Containerd.Events;
using Containerd.Task.V2;

namespace Berth.Shim.Tasks;

internal sealed partial class TaskService
{
    /// <summary>
    /// Mounts the rootfs it is given at <c>&lt;bundle&gt;/rootfs</c> (else the bundle's own rootfs is used), then
    /// <c>runtime create</c>; the process waits in the runtime until Start.
    /// </summary>
    public async Task<CreateTaskResponse> CreateAsync(CreateTaskRequest request, CancellationToken cancellationToken)
    {
        if (request.Id.Length == 0 || request.Bundle.Length == 0)
        {
            throw new InvalidArgumentException("create: id and bundle are required");
        }

        if (request.Checkpoint.Length > 0)
        {
            throw new UnimplementedException($"create {request.Id} from a checkpoint: berth-shim does not restore checkpoints");
        }

        lock (_lock)
        {
            if (_containers.ContainsKey(request.Id) || !_creating.Add(request.Id))
            {
                throw new AlreadyExistsException($"container {request.Id} exists already in this shim: delete it first");
            }
        }

        try
        {
            var container = await CreateContainerAsync(request, cancellationToken);
            lock (_lock)
            {
                _containers[request.Id] = container;
            }

            AttachCgroup(container);
            ObserveExit(container, container.Init);
            Publish("/tasks/create", new TaskCreate
            {
                ContainerId = request.Id,
                Bundle = request.Bundle,
                Rootfs = { request.Rootfs },
                Io = new TaskIO { Stdin = request.Stdin, Stdout = request.Stdout, Stderr = request.Stderr, Terminal = request.Terminal },
                Checkpoint = request.Checkpoint,
                Pid = (uint)container.Init.Pid,
            });
            return new CreateTaskResponse { Pid = (uint)container.Init.Pid };
        }
        finally
        {
            lock (_lock)
            {
                _creating.Remove(request.Id);
            }
        }
    }

    private async Task<Container> CreateContainerAsync(CreateTaskRequest request, CancellationToken cancellationToken)
    {
        var runcOptions = BundleFiles.ParseOptions(request.Options);
        BundleFiles.Write(request.Bundle, runcOptions);
        string binary = runcOptions.BinaryName.Length > 0 ? runcOptions.BinaryName : _options.DefaultRuntime;
        string root = Path.Combine(runcOptions.Root.Length > 0 ? runcOptions.Root : _options.RuntimeRoot, _options.Namespace);
        var runtime = new OciRuntime(new OciRuntimeOptions(binary, root, Path.Combine(request.Bundle, "log.json"))
        {
            NoPivotRoot = runcOptions.NoPivotRoot,
            NoNewKeyring = runcOptions.NoNewKeyring,
            SystemdCgroup = runcOptions.SystemdCgroup,
        }, _reaper);

        string? rootfs = null;
        if (request.Rootfs.Count > 0)
        {
            rootfs = Path.Combine(request.Bundle, "rootfs");
            Directory.CreateDirectory(rootfs, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            RootfsMounts.MountAll(_syscalls, request.Rootfs, rootfs);
        }

        try
        {
            var stdio = new StdioPaths(request.Stdin, request.Stdout, request.Stderr, request.Terminal);
            var init = new InitProcess(request.Id, request.Bundle, stdio, runtime, _reaper, _options.Namespace);
            await init.CreateAsync(cancellationToken);
            return new Container(init, rootfs);
        }
        catch
        {
            if (rootfs is not null)
            {
                UnmountRootfs(rootfs);
            }

            throw;
        }
    }

    private void UnmountRootfs(string rootfs)
    {
        try
        {
            RootfsMounts.UnmountAll(_syscalls, rootfs);
        }
        catch (BerthException e)
        {
            ShimLog.UnmountFailed(_logger, rootfs, e);
            throw;
        }
    }
}
