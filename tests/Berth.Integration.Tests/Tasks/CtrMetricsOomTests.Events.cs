using System.Diagnostics;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Tasks;

public abstract partial class CtrMetricsOomTests
{
    /// <summary>`ctr events` left running, its lines collected: every namespace's events, one line each
    /// (time, namespace, topic, the event as JSON).</summary>
    private sealed class EventStream : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];
        private readonly Task _reader;

        public EventStream(BerthDaemon daemon)
        {
            var info = new ProcessStartInfo(Infrastructure.Ctr.Path, ["--address", daemon.Address, "events"])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            _process = Process.Start(info)!;
            _reader = Task.Run(async () =>
            {
                while (await _process.StandardOutput.ReadLineAsync() is { } line)
                {
                    lock (_lines)
                    {
                        _lines.Add(line);
                    }
                }
            });
        }

        /// <summary>Makes a namespace until its /namespaces/create is seen: the subscription is then in place.</summary>
        public async Task WaitUntilSubscribedAsync(BerthDaemon daemon)
        {
            string probe = Names.Namespace("events-probe");
            for (int i = 0; i < 50; i++)
            {
                await Infrastructure.Ctr.RunAsync(daemon, "default", "namespaces", "create", probe + i);
                if (Snapshot().Any(l => l.Contains("/namespaces/create", StringComparison.Ordinal)))
                {
                    return;
                }

                await Task.Delay(100);
            }

            Assert.Fail("ctr events never showed an event");
        }

        public async Task<string> WaitForAsync(Func<string, bool> match)
        {
            for (int i = 0; i < 200; i++)
            {
                if (Snapshot().FirstOrDefault(match) is { } line)
                {
                    return line;
                }

                await Task.Delay(50);
            }

            Assert.Fail($"no such event in:\n{string.Join('\n', Snapshot())}");
            return "";
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            _process.WaitForExit();
            _reader.Wait();
            _process.Dispose();
        }

        private List<string> Snapshot()
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }
}
