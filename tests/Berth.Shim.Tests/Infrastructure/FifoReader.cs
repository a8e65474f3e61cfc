using System.Text;
using Berth.Linux;
using Berth.Shim.Interop;

namespace Berth.Shim.Tests.Infrastructure;

/// <summary>
/// The client's side of an output FIFO, as ctr holds it: made and opened for reading before the task is created
/// (so what the shim writes is kept), read without blocking.
/// </summary>
internal sealed class FifoReader : IDisposable
{
    private readonly FileDescriptor _fd;
    private readonly StringBuilder _text = new();

    public FifoReader(string path)
    {
        Path = path;
        LinuxSyscalls.Instance.MakeNode(path, FileKind.Fifo, 0b110_000_000, 0, 0);
        _fd = FileDescriptor.Open(path, Libc.OReadOnly | Libc.ONonBlock);
    }

    public string Path { get; }

    /// <summary>All the text that has arrived so far.</summary>
    public string ReadAvailable()
    {
        byte[] buffer = new byte[4096];
        for (int n; (n = _fd.ReadSome(buffer)) > 0;)
        {
            _text.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }

        return _text.ToString();
    }

    /// <summary>Reads until the text contains <paramref name="expected"/>, or fails after 10 s.</summary>
    public async Task<string> WaitForAsync(string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!ReadAvailable().Contains(expected, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Path}: no \"{expected}\" after 10 s; got \"{_text}\"");
            await Task.Delay(20);
        }

        return _text.ToString();
    }

    public void Dispose() => _fd.Dispose();
}
