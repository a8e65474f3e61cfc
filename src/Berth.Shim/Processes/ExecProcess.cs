using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Errors;
using Berth.Shim.Interop;
using Berth.Shim.Stdio;

namespace Berth.Shim.Processes;

/// <summary>
/// A process added to a running container with <c>runtime exec --detach</c> (containerd's execProcess). Its spec
/// is the OCI process JSON the client sent, with <c>terminal</c> set from the request.
/// </summary>
internal sealed class ExecProcess(string execId, InitProcess parent, StdioPaths stdio, JsonObject spec) : ShimProcess(execId, stdio)
{
    public override ProcessStatus ReportedStatus => parent.Status == ProcessStatus.Paused ? ProcessStatus.Paused : base.ReportedStatus;

    private string PidFilePath => Path.Combine(parent.Bundle, $"{Id}.pid");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        string specFile = Path.Combine(parent.Bundle, $".exec-{Id}.json");
        try
        {
            if (!Status.CanStart())
            {
                throw Refuse("start");
            }

            spec["terminal"] = Stdio.Terminal;
            await using (var file = File.Create(specFile))
            await using (var writer = new Utf8JsonWriter(file))
            {
                spec.WriteTo(writer);
            }

            await using var setup = StreamSetup.Prepare(Stdio, parent.Reaper, Id, parent.Namespace);
            await parent.Runtime.ExecAsync(parent.Id, specFile, PidFilePath, setup.RuntimeIO, setup.ConsoleSocketPath, cancellationToken);
            Streams = await setup.CompleteAsync(cancellationToken);
            Pid = PidFile.Read(PidFilePath);
            Status = ProcessStatus.Running;
        }
        catch
        {
            AbandonWaiters();
            throw;
        }
        finally
        {
            File.Delete(specFile);
            Gate.Release();
        }
    }

    /// <summary>Signals the process itself (never the container); NotFound once it has exited.</summary>
    public async Task KillAsync(int signal, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (Status == ProcessStatus.Deleted)
            {
                throw new NotFoundException($"cannot kill a deleted process ({Id})");
            }

            if (Pid == 0)
            {
                throw new FailedPreconditionException($"process {Id} not created: start it first");
            }

            if (ExitedAt != default || Status == ProcessStatus.Stopped)
            {
                throw new NotFoundException($"process already finished ({Id})");
            }

            if (Libc.Kill(Pid, signal) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw errno == Libc.ESrch
                    ? new NotFoundException($"process already finished ({Id})")
                    : new InternalException($"kill {Pid} ({Id}) with signal {signal}: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    protected override Task OnDeleteAsync(CancellationToken cancellationToken)
    {
        File.Delete(PidFilePath);
        return Task.CompletedTask;
    }
}
