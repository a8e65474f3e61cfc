namespace Berth.Integration.Tests.Infrastructure;

/// <summary>
/// A test class with a berthd of its own for each test (as root; the tests skip otherwise): its runtime plugin names
/// <paramref name="shim"/> for <c>io.containerd.runc.v2</c>, plus any further settings of that section.
/// </summary>
public abstract class PrivateDaemonTest(string shim, string runtimeSettings = "") : IAsyncLifetime
{
    private BerthDaemon? _daemon;

    /// <summary>The test's daemon.</summary>
    protected BerthDaemon Daemon => _daemon ?? throw new InvalidOperationException("no daemon: these tests need root");

    public async ValueTask InitializeAsync()
    {
        if (Environment.IsPrivilegedProcess)
        {
            _daemon = await BerthDaemon.StartNewAsync($"""
                [plugins."io.containerd.runtime.v2.task"]
                runc_shim = "{shim}"
                {runtimeSettings}
                """);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null)
        {
            await _daemon.DisposeAsync();
        }
    }
}
