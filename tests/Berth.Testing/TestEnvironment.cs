namespace Berth.Testing;

/// <summary>What the machine running the tests can do.</summary>
public static class TestEnvironment
{
    /// <summary>Whether the tests run as root (mounts, chown, device nodes).</summary>
    public static bool IsRoot { get; } = Environment.IsPrivilegedProcess;
}
