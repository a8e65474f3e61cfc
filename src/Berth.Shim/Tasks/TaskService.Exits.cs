using Berth.Api.Conversions;
using Berth.Core.Errors;
using Berth.Shim.Processes;
using Containerd.Events;

namespace Berth.Shim.Tasks;

internal sealed partial class TaskService
{
    private const int SigKill = 9;

    /// <summary>Waits in the background for the process's exit, then records it and publishes /tasks/exit.</summary>
    private void ObserveExit(Container container, ShimProcess process) => _ = HandleExitAsync(container, process);

    private async Task HandleExitAsync(Container container, ShimProcess process)
    {
        try
        {
            var exit = await _reaper.WaitAsync(process.Pid);
            if (process is InitProcess init && Container.ShouldKillAllOnExit(container.Bundle))
            {
                try
                {
                    await init.Runtime.KillAsync(container.Id, SigKill, all: true, CancellationToken.None);
                }
                catch (BerthException e) when (e is not NotFoundException)
                {
                    ShimLog.KillAllFailed(_logger, container.Id, e);
                }
                catch (NotFoundException)
                {
                }
            }

            if (!await process.SetExitedAsync(exit))
            {
                return;
            }

            await _eventOrder.WaitAsync();
            try
            {
                Publish("/tasks/exit", new TaskExit
                {
                    ContainerId = container.Id,
                    Id = process.Id,
                    Pid = (uint)exit.Pid,
                    ExitStatus = (uint)exit.Status,
                    ExitedAt = Wire.ToTimestamp(exit.ExitedAt),
                });
            }
            finally
            {
                _eventOrder.Release();
            }
        }
        catch (Exception e)
        {
            ShimLog.ExitFailed(_logger, process.Pid, container.Id, e);
        }
    }
}
