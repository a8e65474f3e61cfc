using Berth.Api.Conversions;
using Berth.Core.Errors;
using Berth.Shim.Processes;
using Containerd.Events;
using Containerd.Task.V2;
using TaskStatus = Containerd.V1.Types.Status;

namespace Berth.Shim.Tasks;

internal sealed partial class TaskService
{
    public async Task<StartResponse> StartAsync(StartRequest request, CancellationToken cancellationToken)
    {
        var container = Get(request.Id);
        var process = container.Process(request.ExecId);
        await _eventOrder.WaitAsync(cancellationToken);
        try
        {
            if (process is ExecProcess exec)
            {
                await exec.StartAsync(cancellationToken);
                ObserveExit(container, exec);
                Publish("/tasks/exec-started", new TaskExecStarted { ContainerId = container.Id, ExecId = exec.Id, Pid = (uint)exec.Pid });
            }
            else
            {
                await container.Init.StartAsync(cancellationToken);
                WatchOom(container);
                Publish("/tasks/start", new TaskStart { ContainerId = container.Id, Pid = (uint)container.Init.Pid });
            }
        }
        finally
        {
            _eventOrder.Release();
        }

        return new StartResponse { Pid = (uint)process.Pid };
    }

    /// <summary>Deletes a stopped (or never started) process; for the init, the container: runtime state, streams, rootfs mount.</summary>
    public async Task<DeleteResponse> DeleteAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        var container = Get(request.Id);
        var process = container.Process(request.ExecId);
        if (process is ExecProcess exec)
        {
            await exec.DeleteAsync(cancellationToken);
            container.Remove(exec.Id);
        }
        else
        {
            await container.Init.DeleteAsync(cancellationToken);
            DetachCgroup(container);
            if (container.MountedRootfs is { } rootfs)
            {
                UnmountRootfs(rootfs);
            }

            lock (_lock)
            {
                _containers.Remove(container.Id);
            }

            Publish("/tasks/delete", new TaskDelete
            {
                ContainerId = container.Id,
                Pid = (uint)process.Pid,
                ExitStatus = (uint)process.ExitStatus,
                ExitedAt = Wire.ToTimestamp(process.ExitedAt),
            });
        }

        return new DeleteResponse { Pid = (uint)process.Pid, ExitStatus = (uint)process.ExitStatus, ExitedAt = Wire.ToTimestamp(process.ExitedAt) };
    }

    public async Task<WaitResponse> WaitAsync(WaitRequest request, CancellationToken cancellationToken)
    {
        var process = Get(request.Id).Process(request.ExecId);
        await process.WaitAsync(cancellationToken);
        return new WaitResponse { ExitStatus = (uint)process.ExitStatus, ExitedAt = Wire.ToTimestamp(process.ExitedAt) };
    }

    public Task<StateResponse> StateAsync(StateRequest request, CancellationToken cancellationToken)
    {
        var container = Get(request.Id);
        var process = container.Process(request.ExecId);
        var status = process.ReportedStatus switch
        {
            ProcessStatus.Created => TaskStatus.Created,
            ProcessStatus.Running => TaskStatus.Running,
            ProcessStatus.Paused => TaskStatus.Paused,
            _ => TaskStatus.Stopped,
        };
        return Task.FromResult(new StateResponse
        {
            Id = process.Id,
            ExecId = request.ExecId,
            Bundle = container.Bundle,
            Pid = (uint)process.Pid,
            Status = status,
            Stdin = process.Stdio.Stdin,
            Stdout = process.Stdio.Stdout,
            Stderr = process.Stdio.Stderr,
            Terminal = process.Stdio.Terminal,
            ExitStatus = (uint)process.ExitStatus,
            ExitedAt = Wire.ToTimestamp(process.ExitedAt),
        });
    }

    /// <summary>Signals the init through the runtime (all: every process of the container), an exec directly.</summary>
    public async Task KillAsync(KillRequest request, CancellationToken cancellationToken)
    {
        var process = Get(request.Id).Process(request.ExecId);
        if (request.Signal is 0 or > 64)
        {
            throw new InvalidArgumentException($"kill {request.Id}: signal {request.Signal} is not a signal number (1-64)");
        }

        if (process is ExecProcess exec)
        {
            await exec.KillAsync((int)request.Signal, cancellationToken);
        }
        else
        {
            await ((InitProcess)process).KillAsync((int)request.Signal, request.All, cancellationToken);
        }
    }
}
