using Berth.Linux;
using Berth.Shim.Interop;

namespace Berth.Shim.Stdio;

/// <summary>Opening the client's ends of the streams.</summary>
internal static class OutputTarget
{
    /// <summary>
    /// The destination for one output: a FIFO is opened read-write so that the open never blocks and the pipe lives
    /// even before the client reads (containerd opens a writer and a reader for the same reason); anything else must
    /// be an existing file, written in append mode.
    /// </summary>
    public static FileDescriptor Open(string path)
    {
        return LinuxSyscalls.Instance.Lstat(path) is { Kind: FileKind.Fifo }
            ? FileDescriptor.Open(path, Libc.OReadWrite | Libc.ONonBlock)
            : FileDescriptor.Open(path, Libc.OWriteOnly | Libc.OAppend);
    }

    /// <summary>The file of a <c>file://</c> output, created if missing.</summary>
    public static FileDescriptor OpenLogFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return FileDescriptor.Open(path, Libc.OWriteOnly | Libc.OAppend | Libc.OCreate, 0b110_100_100);
    }

    /// <summary>
    /// The stdin FIFO: a reader, and a writer of the shim's own that keeps the reader from seeing EOF when the client
    /// closes its end (it may come back); CloseIO closes the shim's writer, and then the client's close is the end.
    /// </summary>
    public static (FileDescriptor Reader, FileDescriptor Writer) OpenStdin(string path)
    {
        var reader = FileDescriptor.Open(path, Libc.OReadOnly | Libc.ONonBlock);
        try
        {
            return (reader, FileDescriptor.Open(path, Libc.OWriteOnly | Libc.ONonBlock));
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }
}
