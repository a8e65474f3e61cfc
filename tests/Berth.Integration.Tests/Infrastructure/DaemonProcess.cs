using System.Diagnostics;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>Stops a daemon the tests started, by its pid: SIGTERM, a grace period, then SIGKILL.</summary>
public static class DaemonProcess
{
    public static async Task TerminateAsync(Process? process, TimeSpan grace)
    {
        if (process is not { HasExited: false })
        {
            return;
        }

        await ProcessRunner.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var cts = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }
}
