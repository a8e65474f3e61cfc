using Berth.Api.Conversions;
using Berth.Core.Errors;
using Berth.Linux;
using Berth.Shim.Processes;
using Berth.Shim.Reaping;
using Berth.Shim.Runtime;
using Berth.Shim.Tasks;
using Berth.Ttrpc;
using Containerd.Task.V2;

namespace Berth.Shim.Cli;

/// <summary>
/// <c>berth-shim delete</c>: what the daemon runs when a shim died with its container. Force-deletes the container
/// from the runtime the bundle's files name, unmounts the bundle's rootfs, removes the dead shim's socket, and answers containerd's
/// DeleteResponse (the pid from init.pid, status 137 as for SIGKILL, now) to be written on stdout.
/// </summary>
internal static class DeleteAction
{
    private const int KilledStatus = 128 + 9;

    public static async Task<DeleteResponse> RunAsync(ShimArguments arguments, TaskServiceOptions defaults, Reaper reaper, ISyscalls syscalls, CancellationToken cancellationToken)
    {
        if (arguments.Id.Length == 0 || arguments.Namespace.Length == 0)
        {
            throw new InvalidArgumentException("delete: -id and -namespace are required");
        }

        string bundle = arguments.BundleOrWorkingFolder;
        var options = BundleFiles.Read(bundle);
        string binary = options.BinaryName.Length > 0 ? options.BinaryName : defaults.DefaultRuntime;
        string root = Path.Combine(options.Root.Length > 0 ? options.Root : defaults.RuntimeRoot, arguments.Namespace);
        var runtime = new OciRuntime(new OciRuntimeOptions(binary, root, Path.Combine(bundle, "log.json")), reaper);
        try
        {
            await runtime.DeleteAsync(arguments.Id, force: true, cancellationToken);
        }
        catch (BerthException)
        {
            // Already gone, or the runtime cannot say more: the rest of the clean-up still applies.
        }

        RootfsMounts.UnmountAll(syscalls, Path.Combine(bundle, "rootfs"));
        await RemoveDeadSocketAsync(bundle, cancellationToken);
        int pid = 0;
        try
        {
            pid = PidFile.Read(Path.Combine(bundle, "init.pid"));
        }
        catch (Exception e) when (e is IOException or BerthException)
        {
        }

        return new DeleteResponse { Pid = (uint)pid, ExitStatus = KilledStatus, ExitedAt = Wire.ToTimestamp(DateTimeOffset.UtcNow) };
    }

    // A shim killed outright leaves its socket behind (containerd's own shim does too); the address file written at start
    // names it. A socket something still answers on is left alone.
    private static async Task RemoveDeadSocketAsync(string bundle, CancellationToken cancellationToken)
    {
        string file = Path.Combine(bundle, "address");
        if (!File.Exists(file))
        {
            return;
        }

        string socket = TtrpcAddress.ToPath((await File.ReadAllTextAsync(file, cancellationToken)).Trim());
        if (socket.Length > 0 && !StartAction.Answers(socket))
        {
            File.Delete(socket);
        }
    }
}
