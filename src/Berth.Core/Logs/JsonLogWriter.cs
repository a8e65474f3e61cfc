using System.Buffers;

namespace Berth.Core.Logs;

/// <summary>
/// Writes a container's output in docker's json-file format (<see cref="JsonLogEncoding"/>), one object per line:
/// <c>{"log":"hello\n","stream":"stdout","time":"2026-11-29T22:53:17.123456789Z"}</c>. Output is cut into lines (each entry
/// keeps its newline; what is left without one is written by <see cref="Flush"/>), and the file rotates as docker's does:
/// once it has reached max-size, <c>.1</c> … <c>.N-1</c> shift up and it starts empty (with max-file 1 it is just emptied).
/// </summary>
public sealed class JsonLogWriter : IDisposable
{
    private readonly string _path;
    private readonly JsonLogOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly MemoryStream[] _partial = [new(), new()];
    private readonly ArrayBufferWriter<byte> _entry = new(256);
    private FileStream _file;

    /// <summary>Appends to the log at <paramref name="path"/> (made if missing); <paramref name="time"/> stamps the entries.</summary>
    public JsonLogWriter(string path, JsonLogOptions options, TimeProvider? time = null)
    {
        _path = path;
        _options = options;
        _time = time ?? TimeProvider.System;
        _file = Open(FileMode.Append);
    }

    /// <summary>Takes output of one stream; complete lines become entries now, the rest waits for its newline.</summary>
    public void Write(LogStream stream, ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            var partial = _partial[(int)stream];
            while (data.Length > 0)
            {
                int newline = data.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    partial.Write(data);
                    return;
                }

                partial.Write(data[..(newline + 1)]);
                Emit(stream, partial);
                data = data[(newline + 1)..];
            }
        }
    }

    /// <summary>Writes what is left of each stream without a newline (at the container's exit).</summary>
    public void Flush()
    {
        lock (_lock)
        {
            Emit(LogStream.Stdout, _partial[0]);
            Emit(LogStream.Stderr, _partial[1]);
            _file.Flush();
        }
    }

    /// <summary>Flushes (see <see cref="Flush"/>) and closes the file.</summary>
    public void Dispose()
    {
        Flush();
        _file.Dispose();
    }

    private void Emit(LogStream stream, MemoryStream pending)
    {
        if (pending.Length == 0)
        {
            return;
        }

        // The position is the file's size (it is opened to append, or new): no fstat for each entry.
        if (_options.MaxSize != JsonLogOptions.Unlimited && _file.Position >= _options.MaxSize)
        {
            Rotate();
        }

        _entry.ResetWrittenCount();
        JsonLogEncoding.WriteEntry(_entry, pending.GetBuffer().AsSpan(0, (int)pending.Length),
            stream == LogStream.Stdout ? "stdout" : "stderr", JsonLogTime.Format(_time.GetUtcNow()));
        _file.Write(_entry.WrittenSpan);
        pending.SetLength(0);
    }

    private void Rotate()
    {
        _file.Dispose();
        if (_options.MaxFile > 1)
        {
            File.Delete($"{_path}.{_options.MaxFile - 1}");
            for (int i = _options.MaxFile - 1; i > 1; i--)
            {
                if (File.Exists($"{_path}.{i - 1}"))
                {
                    File.Move($"{_path}.{i - 1}", $"{_path}.{i}");
                }
            }

            File.Move(_path, $"{_path}.1");
        }

        _file = Open(FileMode.Create);
    }

    // Unbuffered: each entry is one write, so a reader of the file (logs, logs -f) sees every entry as it is made.
    private FileStream Open(FileMode mode) => new(_path, mode, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);
}
