using System.Text;
using Berth.Operations.Containers;

namespace Berth.Operations.Tests.Fakes;

/// <summary>A console over memory: scripted stdin, captured output, a pretend terminal, signals the test raises.</summary>
internal sealed class FakeConsole : IContainerConsole
{
    private readonly List<Action> _resizeHandlers = [];
    private readonly List<Action<string>> _signalHandlers = [];

    public FakeConsole(string stdin = "", bool terminal = false)
        : this(new MemoryStream(Encoding.UTF8.GetBytes(stdin)), terminal)
    {
    }

    public FakeConsole(Stream stdin, bool terminal)
    {
        Stdin = stdin;
        StdinIsTerminal = StdoutIsTerminal = terminal;
        Out = new StreamWriter(Stdout, new UTF8Encoding(false)) { AutoFlush = true };
        Error = new StreamWriter(Stderr, new UTF8Encoding(false)) { AutoFlush = true };
    }

    public Stream Stdin { get; }

    public MemoryStream StdoutBytes { get; } = new();

    public MemoryStream StderrBytes { get; } = new();

    public Stream Stdout => StdoutBytes;

    public Stream Stderr => StderrBytes;

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public bool StdinIsTerminal { get; }

    public bool StdoutIsTerminal { get; }

    public bool ErrorIsTerminal => false;

    public (uint Width, uint Height)? WindowSize { get; set; } = (80, 24);

    public int RawModes { get; private set; }

    public bool RawNow { get; private set; }

    public string StdoutText => Encoding.UTF8.GetString(StdoutBytes.ToArray());

    public string StderrText => Encoding.UTF8.GetString(StderrBytes.ToArray());

    public IDisposable EnterRawMode()
    {
        RawModes++;
        RawNow = true;
        return new Undo(() => RawNow = false);
    }

    public IDisposable OnResize(Action handler)
    {
        _resizeHandlers.Add(handler);
        return new Undo(() => _resizeHandlers.Remove(handler));
    }

    public IDisposable OnSignal(Action<string> handler)
    {
        _signalHandlers.Add(handler);
        return new Undo(() => _signalHandlers.Remove(handler));
    }

    public void Resize(uint width, uint height)
    {
        WindowSize = (width, height);
        _resizeHandlers.ToList().ForEach(h => h());
    }

    /// <summary>Whether something listens for signals now.</summary>
    public bool Listening => _signalHandlers.Count > 0;

    public void Signal(string name) => _signalHandlers.ToList().ForEach(h => h(name));

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
