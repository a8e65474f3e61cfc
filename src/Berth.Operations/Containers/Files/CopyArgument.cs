using Berth.Operations.Output;

namespace Berth.Operations.Containers.Files;

/// <summary>One side of <c>docker cp</c>: a path in a container (<c>CONTAINER:PATH</c>) or a local one.</summary>
/// <param name="Container">Null for a local path (or <c>-</c>).</param>
public sealed record CopyArgument(string? Container, string Path)
{
    /// <summary>Whether it is <c>-</c>, a tar on standard input or output.</summary>
    public bool IsStream => Container is null && Path == "-";

    /// <summary>
    /// docker's reading: an absolute path, one without a colon, and one whose part before the colon starts with a dot
    /// (<c>./a:b</c>) are local; otherwise the part before the first colon names a container.
    /// </summary>
    public static CopyArgument Parse(string argument)
    {
        if (argument.StartsWith('/'))
        {
            return new CopyArgument(null, argument);
        }

        int colon = argument.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 || argument.StartsWith('.') ? new CopyArgument(null, argument) : new CopyArgument(argument[..colon], argument[(colon + 1)..]);
    }

    /// <summary>The two sides, refused as docker refuses them (two local paths, two containers).</summary>
    public static (CopyArgument Source, CopyArgument Destination) ParsePair(string source, string destination)
    {
        var (from, to) = (Parse(source), Parse(destination));
        return (from.Container, to.Container) switch
        {
            (null, null) => throw new ClientException("must specify at least one container source"),
            ({ }, { }) => throw new ClientException("copying between containers is not supported"),
            _ => (from, to),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Container is null ? Path : $"{Container}:{Path}";
}
