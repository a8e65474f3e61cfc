using System.Text.Json.Nodes;
using Berth.Core.Errors;
using Berth.Linux;
using Berth.Shim.Reaping;
using Berth.Shim.Runtime;
using Berth.Shim.Tasks;
using Berth.Testing;
using Containerd.Task.V2;

namespace Berth.Shim.Tests.Infrastructure;

/// <summary>
/// A task service over real runc, with its own runtime root, bundles of busybox made by the test, and FIFOs. At
/// dispose it kills and deletes, by id, every container it made, unmounts their rootfs and removes its folder.
/// </summary>
internal sealed class ShimHarness : IAsyncDisposable
{
    public const string Namespace = "shim-tests";
    private static readonly string[] Applets = ["sh", "echo", "cat", "sleep", "true", "tty", "stty", "ls"];
    private readonly List<(string Id, string Binary)> _ids = [];

    public ShimHarness()
    {
        Service = new TaskService(new TaskServiceOptions(Namespace) { RuntimeRoot = Temp.Combine("state") }, Events, Reaper.Default, LinuxSyscalls.Instance, null);
    }

    public TempDirectory Temp { get; } = new("shim");

    public RecordingEventSink Events { get; } = new();

    public TaskService Service { get; }

    public string NewId(string binary = "runc")
    {
        string id = $"shimtest-{Guid.NewGuid():N}"[..21];
        _ids.Add((id, binary));
        return id;
    }

    /// <summary>A folder with busybox and its applets as links, usable as a rootfs or an overlay lower layer.</summary>
    public static string MakeBusyboxTree(string path)
    {
        Directory.CreateDirectory(Path.Combine(path, "bin"));
        File.Copy("/bin/busybox", Path.Combine(path, "bin", "busybox"));
        foreach (string applet in Applets)
        {
            File.CreateSymbolicLink(Path.Combine(path, "bin", applet), "busybox");
        }

        return path;
    }

    /// <summary>A bundle: <c>runc spec</c>'s config with the args and terminal set, and a busybox rootfs unless <paramref name="withRootfs"/> is false.</summary>
    public async Task<string> MakeBundleAsync(string id, string[] args, bool terminal = false, bool withRootfs = true)
    {
        string bundle = Temp.Combine("bundles", id);
        Directory.CreateDirectory(bundle);
        var spec = await Reaper.Default.Spawn(new SpawnRequest("runc", ["spec", "--bundle", bundle])).Exited;
        Assert.Equal(0, spec.Status);
        if (withRootfs)
        {
            MakeBusyboxTree(Path.Combine(bundle, "rootfs"));
        }

        string configPath = Path.Combine(bundle, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(configPath))!.AsObject();
        config["process"]!["terminal"] = terminal;
        config["process"]!["args"] = new JsonArray([.. args.Select(a => (JsonNode)JsonValue.Create(a)!)]);
        File.WriteAllText(configPath, config.ToJsonString());
        return bundle;
    }

    /// <summary>Makes a bundle running <paramref name="args"/>, then creates and starts its container (no stdio); returns the bundle.</summary>
    public async Task<string> StartContainerAsync(string id, string[] args, CancellationToken cancellationToken)
    {
        string bundle = await MakeBundleAsync(id, args);
        await Service.CreateAsync(CreateRequest(id, bundle), cancellationToken);
        await Service.StartAsync(new StartRequest { Id = id }, cancellationToken);
        return bundle;
    }

    public static CreateTaskRequest CreateRequest(string id, string bundle, FifoReader? stdout = null, FifoReader? stderr = null, bool terminal = false)
        => new() { Id = id, Bundle = bundle, Stdout = stdout?.Path ?? "", Stderr = stderr?.Path ?? "", Terminal = terminal };

    /// <summary>The runtime as the test sees it, for checks behind the service's back.</summary>
    public OciRuntime Runtime(string binary = "runc")
        => new(new OciRuntimeOptions(binary, Path.Combine(Temp.Combine("state"), Namespace), Temp.Combine($"{binary}-test-log.json")), Reaper.Default);

    public FifoReader Fifo(string name) => new(Temp.Combine($"{name}-{Guid.NewGuid():N}"[..20]));

    public async ValueTask DisposeAsync()
    {
        foreach (var (id, binary) in _ids)
        {
            var runtime = Runtime(binary);
            await Ignore(() => runtime.KillAsync(id, 9, all: true, CancellationToken.None));
            await Ignore(() => runtime.DeleteAsync(id, force: true, CancellationToken.None));
            string rootfs = Temp.Combine("bundles", id, "rootfs");
            try
            {
                RootfsMounts.UnmountAll(LinuxSyscalls.Instance, rootfs);
            }
            catch (BerthException)
            {
            }
        }

        await Service.DisposeAsync();
        Temp.Dispose();
    }

    private static async Task Ignore(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (BerthException)
        {
        }
    }
}
