using System.Net.Sockets;
using Berth.Core.Errors;
using Berth.Shim.Cli;
using Berth.Shim.Interop;

namespace Berth.Shim.Tests.Interop;

public sealed class UnixSocketTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("berth-unixsocket-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Listen_MakesAnOwnerOnlySocketThatAcceptsConnections()
    {
        string path = Path.Join(_folder, "s");
        using (var listening = UnixSocket.Listen(path, backlog: 4))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.True(UnixSocket.Answers(path));
            using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            client.Connect(new UnixDomainSocketEndPoint(path));
            Assert.True(client.Connected);
        }

        // Closed, its file stays (for the server it was handed to), and nothing answers there any more.
        Assert.True(File.Exists(path));
        Assert.False(UnixSocket.Answers(path));
    }

    [Fact]
    public void Answers_NoFile_IsFalseWithoutConnecting()
        => Assert.False(StartAction.Answers(Path.Join(_folder, "absent")));

    [Fact]
    public void Listen_PathLongerThanSunPath_IsRefused()
        => Assert.Throws<InvalidArgumentException>(() => UnixSocket.Listen(Path.Join(_folder, new string('x', 120)), backlog: 1));

    [Fact]
    public void Listen_OnAPathInUse_SaysWhich()
    {
        string path = Path.Join(_folder, "taken");
        using var first = UnixSocket.Listen(path, backlog: 1);
        var error = Assert.ThrowsAny<BerthException>(() => UnixSocket.Listen(path, backlog: 1));
        Assert.Contains(path, error.Message);
    }
}
