using System.Net.Sockets;
using Berth.Core.Errors;

namespace Berth.Daemon.Hosting;

/// <summary>The unix socket's file: refused when another daemon answers on it, removed when stale, mode 0660.</summary>
internal static class SocketFile
{
    public static void PrepareForListen(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            return;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException)
        {
            // Nobody listens: a leftover of a daemon that was killed.
            File.Delete(path);
            return;
        }

        throw new FailedPreconditionException($"another daemon is listening on {path}: stop it, or start berthd with another --address");
    }

    public static void Restrict(string path, int uid, int gid)
    {
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        if (uid != 0 || gid != 0)
        {
            Linux.LinuxSyscalls.Instance.Lchown(path, uid, gid);
        }
    }

    public static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
