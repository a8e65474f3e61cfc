using System.Text.RegularExpressions;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Tasks;

/// <summary>Driving the shell in the container from the outer terminal.</summary>
public abstract partial class CtrTtyTests
{
    // The shell's size is checked until it shows, because ctr sends the first resize after the task started,
    // as it does on every SIGWINCH: both race the shell's own start-up.
    private async Task<int> DriveShellAsync(PseudoTerminal terminal, (int Rows, int Columns) size, int exitCode, bool promptShown = true)
    {
        try
        {
            return await DriveShellCoreAsync(terminal, size, exitCode, promptShown);
        }
        catch (TimeoutException e)
        {
            string log = Daemon.Log;
            throw new TimeoutException($"{e.Message}\nthe end of berthd's log:\n{log[Math.Max(0, log.Length - 6000)..]}", e);
        }
    }

    private static async Task<int> DriveShellCoreAsync(PseudoTerminal terminal, (int Rows, int Columns) size, int exitCode, bool promptShown)
    {
        if (promptShown)
        {
            await terminal.WaitForAsync(o => o.Contains("# ", StringComparison.Ordinal), Timeout);
        }

        await ExpectSizeAsync(terminal, size.Rows, size.Columns);

        terminal.Resize(51, 142);
        await ExpectSizeAsync(terminal, 51, 142, resized: true);

        int mark = terminal.Output.Length;
        terminal.Write($"tty; stty size; exit {exitCode}\r");
        int code = await terminal.WaitForExitAsync(Timeout);
        string shown = terminal.Output[mark..];
        Assert.Matches(TtyName(), shown);
        Assert.Matches(SizeLine(51, 142), shown);
        return code;
    }

    // ctr installs its SIGWINCH handler only after its first resize: a SIGWINCH in between is lost (ignored), so a
    // resize not seen yet is signalled again, as a user would resize the window again.
    private static async Task ExpectSizeAsync(PseudoTerminal terminal, int rows, int columns, bool resized = false)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (resized && attempt > 0)
            {
                terminal.Resize((ushort)rows, (ushort)columns);
            }

            int mark = terminal.Output.Length;
            terminal.Write("stty size\r");
            try
            {
                await terminal.WaitForAsync(o => SizeLine(rows, columns).IsMatch(o), TimeSpan.FromSeconds(2), mark);
                return;
            }
            catch (TimeoutException) when (attempt < 20)
            {
            }
        }
    }

    // ctr's raw mode keeps OPOST, so the outer terminal adds its own \r to the container's \r\n.
    private static Regex SizeLine(int rows, int columns) => new($@"(?m)^{rows} {columns}\r*$");

    [GeneratedRegex(@"(?m)^/dev/(pts/\d+|console)\r*$")]
    private static partial Regex TtyName();
}
