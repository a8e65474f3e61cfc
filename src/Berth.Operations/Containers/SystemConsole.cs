using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Berth.Operations.Containers;

/// <summary>
/// This process's console. Stdin is read straight from fd 0: .NET's console stream would edit lines itself on a
/// terminal. Output goes through .NET's console streams (plain write(2), shared offsets when both go to one file).
/// </summary>
public sealed class SystemConsole : IContainerConsole
{
    // The signals docker's CLI forwards that a user sends to a foreground command; SIGKILL and SIGSTOP cannot be caught.
    private static readonly (PosixSignal Signal, string Name)[] Proxied =
    [
        (PosixSignal.SIGINT, "SIGINT"), (PosixSignal.SIGTERM, "SIGTERM"), (PosixSignal.SIGQUIT, "SIGQUIT"), (PosixSignal.SIGHUP, "SIGHUP"),
        ((PosixSignal)10, "SIGUSR1"), ((PosixSignal)12, "SIGUSR2"),
    ];

    private SystemConsole()
    {
        // Touching Console.Out and Console.Error first has .NET record the terminal's settings now, before any raw
        // mode: it restores what it recorded when the process exits, which must not be the raw settings.
        Out = Console.Out;
        Error = Console.Error;
        Stdin = OpenStdin();
        Stdout = Console.OpenStandardOutput();
        Stderr = Console.OpenStandardError();
    }

    /// <summary>The console of this process.</summary>
    public static SystemConsole Create() => new();

    /// <inheritdoc/>
    public Stream Stdin { get; }

    /// <inheritdoc/>
    public Stream Stdout { get; }

    /// <inheritdoc/>
    public Stream Stderr { get; }

    /// <inheritdoc/>
    public TextWriter Out { get; }

    /// <inheritdoc/>
    public TextWriter Error { get; }

    /// <inheritdoc/>
    public bool StdinIsTerminal => !Console.IsInputRedirected;

    /// <inheritdoc/>
    public bool StdoutIsTerminal => !Console.IsOutputRedirected;

    /// <inheritdoc/>
    public bool ErrorIsTerminal => !Console.IsErrorRedirected;

    /// <inheritdoc/>
    public (uint Width, uint Height)? WindowSize => Terminal.WindowSize(1) ?? Terminal.WindowSize(0);

    /// <inheritdoc/>
    public IDisposable EnterRawMode() => Terminal.MakeRaw(0);

    /// <inheritdoc/>
    public IDisposable OnResize(Action handler) => PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => handler());

    /// <inheritdoc/>
    public IDisposable OnSignal(Action<string> handler)
    {
        var registrations = Proxied.Select(p => PosixSignalRegistration.Create(p.Signal, context =>
        {
            context.Cancel = true; // the container decides what the signal does; berth goes on until it exits
            handler(p.Name);
        })).ToList();
        return new Registrations(registrations);
    }

    // A closed stdin (`berth run … <&-`) reads as empty.
    private static Stream OpenStdin()
    {
        try
        {
            return new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return Stream.Null;
        }
    }

    private sealed class Registrations(List<PosixSignalRegistration> registrations) : IDisposable
    {
        public void Dispose() => registrations.ForEach(r => r.Dispose());
    }
}
