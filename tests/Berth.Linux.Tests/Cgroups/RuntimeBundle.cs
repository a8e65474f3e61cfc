using System.Diagnostics;
using System.Text.Json.Nodes;
using Berth.Testing;

namespace Berth.Linux.Tests.Cgroups;

/// <summary>A busybox bundle (rootfs with /bin/busybox and sh, a config.json from `runc spec`) and a private state root, for
/// running one container with runc or crun.</summary>
internal sealed class RuntimeBundle : IDisposable
{
    private const string Busybox = "/bin/busybox";
    private readonly TempDirectory _folder = new("bundle");

    private RuntimeBundle(string runtime)
    {
        Runtime = runtime;
        Id = "berth-test-" + Guid.NewGuid().ToString("N")[..10];
        CgroupsPath = "/" + Id;
    }

    public string Runtime { get; }

    public string Id { get; }

    public string CgroupsPath { get; }

    public string BundlePath => _folder.Combine("bundle");

    public static string? Find(string name) =>
        new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" }.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    public static RuntimeBundle Create(string runtime, string script, long memoryLimit, long pidsLimit)
    {
        var bundle = new RuntimeBundle(runtime);
        string bin = Path.Combine(bundle.BundlePath, "rootfs", "bin");
        Directory.CreateDirectory(bin);
        File.Copy(Busybox, Path.Combine(bin, "busybox"));
        foreach (string applet in new[] { "sh", "dd", "sleep", "cat" })
        {
            File.CreateSymbolicLink(Path.Combine(bin, applet), "busybox");
        }

        Exec(Find("runc")!, ["spec"], bundle.BundlePath);
        string configPath = Path.Combine(bundle.BundlePath, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(configPath))!;
        config["process"]!["terminal"] = false;
        config["process"]!["args"] = new JsonArray("sh", "-c", script);
        config["linux"]!["cgroupsPath"] = bundle.CgroupsPath;
        config["linux"]!["resources"] = new JsonObject
        {
            ["memory"] = new JsonObject { ["limit"] = memoryLimit },
            ["pids"] = new JsonObject { ["limit"] = pidsLimit },
        };
        File.WriteAllText(configPath, config.ToJsonString());
        return bundle;
    }

    public static bool CanRun(string runtime) => Find(runtime) is not null && Find("runc") is not null && File.Exists(Busybox);

    /// <summary>`runtime --root state verb args...`; the exit code and what it printed (stdout and stderr together).</summary>
    public (int ExitCode, string Output) Run(params string[] args) =>
        Exec(Find(Runtime)!, ["--root", _folder.Combine("state"), .. args], BundlePath, check: false);

    public void Dispose()
    {
        Run("delete", "--force", Id);
        _folder.Dispose();
    }

    private static (int, string) Exec(string file, IEnumerable<string> args, string workingDirectory, bool check = true)
    {
        // Output goes to a file: a container's init inherits the runtime's stdio and would hold a pipe open.
        string output = Path.Combine(Path.GetTempPath(), "berth-test-out-" + Guid.NewGuid().ToString("N"));
        var info = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$@\" >\"$OUT\" 2>&1 </dev/null");
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add(file);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["OUT"] = output;
        using var process = Process.Start(info)!;
        process.WaitForExit();
        string text = File.ReadAllText(output);
        File.Delete(output);
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {text}");
        }

        return (process.ExitCode, text);
    }
}
