using System.Runtime.CompilerServices;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>Unique, valid namespace names per test, so tests sharing a daemon never see each other's objects.</summary>
public static class Names
{
    private static int _counter;

    public static string Namespace([CallerMemberName] string test = "")
    {
        string slug = new([.. test.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40)]);
        return $"t{Interlocked.Increment(ref _counter)}-{slug}-{Environment.ProcessId}";
    }
}
