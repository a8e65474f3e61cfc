using System.Diagnostics;
using System.Globalization;
using Berth.Core.Engine;
using Berth.Core.Errors;

namespace Berth.Engine.Resources;

/// <summary>
/// <c>docker top</c> as dockerd does it: the host's <c>ps</c> with the user's options, then only the rows whose PID is one of
/// the container's. Running ps on the host (rather than in the container) works for images without a ps, and shows
/// host pids and users, which is what docker shows.
/// </summary>
internal static class ProcessTableReader
{
    /// <summary>Runs <c>ps</c> with <paramref name="psArgs"/> (<c>-ef</c> when empty) and keeps the rows of <paramref name="pids"/>.</summary>
    public static async ValueTask<ProcessTable> ReadAsync(IReadOnlyList<string> psArgs, IReadOnlySet<uint> pids, CancellationToken cancellationToken)
    {
        string output = await RunPsAsync(psArgs.Count == 0 ? ["-ef"] : psArgs, cancellationToken);
        return Filter(output, pids);
    }

    /// <summary>Keeps the header and the rows of <paramref name="pids"/>; the last column takes the rest of its line.</summary>
    public static ProcessTable Filter(string output, IReadOnlySet<uint> pids)
    {
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] titles = lines.Length > 0 ? lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        int pidColumn = Array.IndexOf(titles, "PID");
        if (pidColumn < 0)
        {
            throw new InvalidArgumentException("Couldn't find PID field in ps output");
        }

        var rows = new List<IReadOnlyList<string>>();
        foreach (string line in lines.Skip(1))
        {
            string[] fields = line.Split(' ', titles.Length, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (fields.Length <= pidColumn)
            {
                continue;
            }

            if (!uint.TryParse(fields[pidColumn], NumberStyles.None, CultureInfo.InvariantCulture, out uint pid))
            {
                throw new InvalidArgumentException($"Unexpected pid '{fields[pidColumn]}': ps output is not in a form berth can read");
            }

            if (pids.Contains(pid))
            {
                rows.Add(fields);
            }
        }

        return new ProcessTable(titles, rows);
    }

    private static async Task<string> RunPsAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ps") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process ps;
        try
        {
            ps = Process.Start(start) ?? throw new InvalidOperationException("ps did not start");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new FailedPreconditionException($"Error running ps: {e.Message}: install procps on the host berthd runs on");
        }

        using (ps)
        {
            var stdout = ps.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = ps.StandardError.ReadToEndAsync(cancellationToken);
            await ps.WaitForExitAsync(cancellationToken);
            string output = await stdout;
            string error = await stderr;
            // ps follows its complaint with its usage; the complaint alone is what dockerd's answer shows.
            string complaint = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
                ?? $"exit status {ps.ExitCode}";
            return ps.ExitCode == 0 ? output : throw new InvalidArgumentException($"ps: {complaint}");
        }
    }
}
