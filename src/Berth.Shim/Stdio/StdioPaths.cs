namespace Berth.Shim.Stdio;

/// <summary>
/// Where a process's standard streams go, as the client gave them: FIFO paths (made by the client), a
/// <c>file:///path</c> for both outputs, or <c>binary:///path?arg=value</c> for a logging binary. Empty means none.
/// </summary>
internal sealed record StdioPaths(string Stdin, string Stdout, string Stderr, bool Terminal)
{
    /// <summary>No stream at all: the process gets /dev/null.</summary>
    public bool IsNull => Stdin.Length == 0 && Stdout.Length == 0 && Stderr.Length == 0;

    /// <summary>How the output is delivered, from the scheme of <see cref="Stdout"/>.</summary>
    public OutputKind OutputKind => Scheme(Stdout) switch
    {
        "" or "fifo" => OutputKind.Fifo,
        "file" => OutputKind.File,
        "binary" => OutputKind.Binary,
        var other => throw new Core.Errors.InvalidArgumentException($"stdout {Stdout}: unknown scheme {other}: use a FIFO path, file:// or binary://"),
    };

    /// <summary>The file of a <c>file://</c> output.</summary>
    public string OutputFile => new Uri(Stdout).LocalPath;

    private static string Scheme(string path)
    {
        int colon = path.IndexOf("://", StringComparison.Ordinal);
        return colon < 0 ? "" : path[..colon];
    }
}

/// <summary>How a process's output is delivered.</summary>
internal enum OutputKind
{
    /// <summary>Copied into FIFOs (or existing files) named by the paths.</summary>
    Fifo,
    /// <summary>Appended to one file, stdout and stderr together.</summary>
    File,
    /// <summary>Handed to a logging binary as its descriptors 3 and 4.</summary>
    Binary,
}
