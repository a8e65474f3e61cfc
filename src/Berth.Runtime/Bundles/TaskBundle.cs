using Berth.Core.Errors;
using Berth.Core.Identifiers;
using Berth.Linux;

namespace Berth.Runtime.Bundles;

/// <summary>
/// A task's OCI bundle, <c>&lt;state&gt;/tasks/&lt;namespace&gt;/&lt;id&gt;/</c>: the runtime spec (<c>config.json</c>), the
/// <c>rootfs</c> folder the shim mounts the container's snapshot on, the shim's <c>log</c> FIFO and what the shim
/// writes back (<c>address</c>). It lives under the state folder: gone at reboot, like the containers it ran.
/// </summary>
public sealed class TaskBundle
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private TaskBundle(string path, string @namespace, string id)
    {
        Path = path;
        Namespace = @namespace;
        Id = id;
    }

    public string Path { get; }

    public string Namespace { get; }

    public string Id { get; }

    public string Rootfs => System.IO.Path.Join(Path, "rootfs");

    /// <summary>The runtime name the task was started with (containerd's <c>shim-binary-path</c> holds the binary).</summary>
    public string ShimBinaryFile => System.IO.Path.Join(Path, "shim-binary-path");

    /// <summary>Makes the bundle of <paramref name="id"/>; AlreadyExists if a task of that id has one.</summary>
    public static TaskBundle Create(string tasksRoot, string @namespace, string id, ReadOnlySpan<byte> specJson)
    {
        Identifier.Validate(@namespace);
        Identifier.Validate(id);
        string nsFolder = System.IO.Path.Join(tasksRoot, @namespace);
        Directory.CreateDirectory(nsFolder, OwnerOnly);
        string path = System.IO.Path.Join(nsFolder, id);
        try
        {
            if (Directory.Exists(path))
            {
                throw new AlreadyExistsException($"task {id} already has a bundle at {path}: delete the task first");
            }

            Directory.CreateDirectory(path, OwnerOnly);
            // rootfs is 0711 as containerd makes it: the container's own users must be able to pass through it.
            Directory.CreateDirectory(System.IO.Path.Join(path, "rootfs"),
                OwnerOnly | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            File.WriteAllBytes(System.IO.Path.Join(path, "config.json"), specJson.ToArray());
            return new TaskBundle(path, @namespace, id);
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            TryRemove(path);
            throw new UnavailableException($"cannot write the bundle of task {id} under {nsFolder}: {ex.Message}", ex);
        }
    }

    /// <summary>Every bundle left under <paramref name="tasksRoot"/>, as found at start-up.</summary>
    public static IEnumerable<TaskBundle> LoadAll(string tasksRoot)
    {
        if (!Directory.Exists(tasksRoot))
        {
            yield break;
        }

        foreach (string nsFolder in Directory.EnumerateDirectories(tasksRoot))
        {
            foreach (string path in Directory.EnumerateDirectories(nsFolder))
            {
                yield return new TaskBundle(path, System.IO.Path.GetFileName(nsFolder), System.IO.Path.GetFileName(path));
            }
        }
    }

    /// <summary>The shim's socket address, once the shim has written it.</summary>
    public string? ReadAddress() => ReadText("address");

    /// <summary>Removes the bundle, unmounting a rootfs its shim left mounted (a shim that died).</summary>
    public void Delete(ISyscalls syscalls)
    {
        if (!Directory.Exists(Path))
        {
            return;
        }

        // Stacked mounts come off one at a time; a bound on the loop, in case the table cannot be read.
        for (int i = 0; i < 8 && MountInfo.IsMountPoint(Rootfs); i++)
        {
            syscalls.Unmount(Rootfs, UnmountFlags.Detach);
        }

        Directory.Delete(Path, recursive: true);
    }

    private string? ReadText(string name)
    {
        try
        {
            return File.ReadAllText(System.IO.Path.Join(Path, name)).Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void TryRemove(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
