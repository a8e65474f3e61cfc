using System.Diagnostics;
using Berth.Testing;

namespace Berth.Runtime.Tests.Spec;

/// <summary>The outcome of <c>runc run</c>: its exit code and what the container printed.</summary>
internal sealed record RunResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>
/// Runs a bundle with <c>runc run</c> or <c>crun run</c> in the foreground with a private state folder, then deletes
/// the container by id and removes the cgroup folders its spec named.
/// </summary>
internal static class OciRuntimeRunner
{
    public static string? Find(string runtime) =>
        new[] { "/usr/sbin/", "/usr/bin/", "/usr/local/bin/", "/usr/local/sbin/" }.Select(d => d + runtime).FirstOrDefault(File.Exists);

    public static async Task<RunResult> RunAsync(string runtime, BusyboxBundle bundle, string id, string cgroupsPath, CancellationToken ct)
    {
        string binary = Find(runtime) ?? throw new InvalidOperationException($"{runtime} is not installed");
        using var state = new TempDirectory("spec-state");
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string arg in new[] { "--root", state.Path, "run", "--bundle", bundle.Folder, id })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return new RunResult(process.ExitCode, (await stdout).Trim(), (await stderr).Trim());
        }
        finally
        {
            if (!process.HasExited)
            {
                await RuntimeAsync(binary, state.Path, "kill", id, "KILL");
                process.Kill();
            }

            await RuntimeAsync(binary, state.Path, "delete", "--force", id);
            RemoveCgroups(cgroupsPath);
        }
    }

    // runc and crun remove the container's own cgroup; the parents the path named are the test's to remove.
    private static void RemoveCgroups(string cgroupsPath)
    {
        var hierarchies = Directory.Exists("/sys/fs/cgroup") ? Directory.GetDirectories("/sys/fs/cgroup").Append("/sys/fs/cgroup") : [];
        string[] parts = cgroupsPath.Trim('/').Split('/');
        foreach (string hierarchy in hierarchies)
        {
            for (int depth = parts.Length; depth > 0; depth--)
            {
                string folder = Path.Combine([hierarchy, .. parts[..depth]]);
                try
                {
                    if (Directory.Exists(folder))
                    {
                        Directory.Delete(folder);
                    }
                }
                catch (IOException)
                {
                    // Still busy (or not a cgroup folder of ours): leave it rather than fail the cleanup.
                }
            }
        }
    }

    private static async Task RuntimeAsync(string binary, string root, params string[] args)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--root");
        start.ArgumentList.Add(root);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }
    }
}
