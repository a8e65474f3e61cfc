using Berth.Shim.Interop;
using Berth.Shim.Reaping;

namespace Berth.Shim.Tests.Reaping;

public sealed class ReaperTests
{
    [Theory]
    [InlineData(0x0000, 0)]     // exit 0
    [InlineData(0x0300, 3)]     // exit 3
    [InlineData(0x000f, 143)]   // killed by SIGTERM
    [InlineData(0x0089, 137)]   // killed by SIGKILL, core dumped
    public void FromWaitStatus_StatusWord_ContainerdStatus(int waitStatus, int expected)
    {
        Assert.Equal(expected, ProcessExit.FromWaitStatus(1, waitStatus, DateTimeOffset.UnixEpoch).Status);
    }

    [Fact]
    public async Task Spawn_ShellExitsSeven_ExitStatusSevenAndOutputThroughPipe()
    {
        var (read, write) = FileDescriptor.Pipe();
        using (read)
        {
            ChildProcess child;
            using (write)
            {
                child = Reaper.Default.Spawn(new SpawnRequest("sh", ["-c", "echo from-child; exit 7"]) { Stdout = write });
            }

            var exit = await child.Exited.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            byte[] buffer = new byte[64];
            int n = read.ReadSome(buffer);

            Assert.Equal(7, exit.Status);
            Assert.Equal(child.Pid, exit.Pid);
            Assert.Equal("from-child\n", System.Text.Encoding.UTF8.GetString(buffer, 0, n));
        }
    }

    [Fact]
    public async Task Spawn_KilledChild_StatusIs128PlusSignal()
    {
        var child = Reaper.Default.Spawn(new SpawnRequest("sleep", ["30"]));

        Libc.Kill(child.Pid, 9);
        var exit = await child.Exited.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(137, exit.Status);
    }

    [Fact]
    public async Task WaitAsync_OrphanAdoptedBySubreaper_ExitIsDelivered()
    {
        // The shell forks a grandchild and exits at once; the grandchild is re-parented to this process (a
        // subreaper), as a container's init is when runc exits.
        var (read, write) = FileDescriptor.Pipe();
        using (read)
        {
            ChildProcess child;
            using (write)
            {
                child = Reaper.Default.Spawn(new SpawnRequest("sh", ["-c", "sh -c 'sleep 0.3; exit 4' & echo $!"]) { Stdout = write });
            }

            await child.Exited.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            byte[] buffer = new byte[64];
            int n = read.ReadSome(buffer);
            int orphan = int.Parse(System.Text.Encoding.UTF8.GetString(buffer, 0, n).Trim(), System.Globalization.CultureInfo.InvariantCulture);

            var exit = await Reaper.Default.WaitAsync(orphan).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

            Assert.Equal(4, exit.Status);
        }
    }

    [Fact]
    public void Spawn_MissingProgram_ThrowsNamingIt()
    {
        var error = Assert.ThrowsAny<Core.Errors.BerthException>(() => Reaper.Default.Spawn(new SpawnRequest("berth-no-such-program", [])));

        Assert.Contains("berth-no-such-program", error.Message, StringComparison.Ordinal);
    }
}
