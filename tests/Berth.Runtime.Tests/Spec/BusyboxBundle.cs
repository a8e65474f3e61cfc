using Berth.Oci.Runtime;
using Berth.Testing;

namespace Berth.Runtime.Tests.Spec;

/// <summary>An OCI bundle in a temp folder: a rootfs of static busybox with a few applets and /etc files, and a config.json.</summary>
internal sealed class BusyboxBundle : IDisposable
{
    private static readonly string[] Applets = ["sh", "true", "cat", "id", "grep", "sleep", "unshare", "wc", "ls", "touch"];

    private readonly TempDirectory _folder = new("spec-bundle");

    public BusyboxBundle()
    {
        Directory.CreateDirectory(Rootfs);
        foreach (string dir in new[] { "bin", "proc", "sys", "dev", "tmp", "etc", "root", "scratch" })
        {
            Directory.CreateDirectory(System.IO.Path.Combine(Rootfs, dir));
        }

        File.Copy("/bin/busybox", System.IO.Path.Combine(Rootfs, "bin/busybox"));
        foreach (string applet in Applets)
        {
            File.CreateSymbolicLink(System.IO.Path.Combine(Rootfs, "bin", applet), "busybox");
        }

        File.WriteAllText(System.IO.Path.Combine(Rootfs, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n");
        File.WriteAllText(System.IO.Path.Combine(Rootfs, "etc/group"), "root:x:0:\nwheel:x:10:root\napp:x:1000:\nextra:x:2000:app\n");
    }

    public static bool BusyboxAvailable => File.Exists("/bin/busybox");

    public string Folder => _folder.Path;

    public string Rootfs => System.IO.Path.Combine(_folder.Path, "rootfs");

    public void Write(RuntimeSpec spec)
    {
        spec.Root = new RootSpec { Path = Rootfs, Readonly = spec.Root?.Readonly ?? false };
        File.WriteAllBytes(System.IO.Path.Combine(Folder, "config.json"), RuntimeSpecJson.Serialize(spec));
    }

    public void Dispose() => _folder.Dispose();
}
