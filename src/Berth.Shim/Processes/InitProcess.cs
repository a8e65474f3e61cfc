using Berth.Core.Errors;
using Berth.Shim.Reaping;
using Berth.Shim.Runtime;
using Berth.Shim.Stdio;

namespace Berth.Shim.Processes;

/// <summary>
/// The container's first process, created and started by the runtime (containerd's process.Init). Its pid file is
/// <c>&lt;bundle&gt;/init.pid</c>.
/// </summary>
internal sealed partial class InitProcess(string id, string bundle, StdioPaths stdio, OciRuntime runtime, Reaper reaper, string @namespace)
    : ShimProcess(id, stdio)
{
    public string Bundle => bundle;

    public OciRuntime Runtime => runtime;

    internal Reaper Reaper => reaper;

    internal string Namespace => @namespace;

    /// <summary><c>runtime create</c> with the streams attached; the process waits in the runtime until Start.</summary>
    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        string pidFile = Path.Combine(bundle, "init.pid");
        await using var setup = StreamSetup.Prepare(Stdio, reaper, Id, @namespace);
        await runtime.CreateAsync(Id, bundle, pidFile, setup.RuntimeIO, setup.ConsoleSocketPath, cancellationToken);
        try
        {
            Streams = await setup.CompleteAsync(cancellationToken);
            Pid = PidFile.Read(pidFile);
        }
        catch
        {
            await runtime.DeleteAsync(Id, force: true, CancellationToken.None);
            throw;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!Status.CanStart())
            {
                throw Refuse("start");
            }

            await runtime.StartAsync(Id, cancellationToken);
            Status = ProcessStatus.Running;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Deletes the container from the runtime (then the base closes the streams).</summary>
    protected override async Task OnDeleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await runtime.DeleteAsync(Id, force: false, cancellationToken);
        }
        catch (NotFoundException)
        {
            // Gone from the runtime already: what delete wanted.
        }
    }

    protected override async Task OnExitedAsync(ProcessStatus before)
    {
        if (before == ProcessStatus.Paused)
        {
            // A frozen cgroup keeps the rest of the container from dying; thaw it as containerd does.
            try
            {
                await runtime.ResumeAsync(Id, CancellationToken.None);
            }
            catch (BerthException)
            {
            }
        }
    }
}
