using System.Buffers;
using Berth.Core.Errors;

namespace Berth.Operations.Containers;

/// <summary><c>--name</c> as docker checks it: two or more of <c>[a-zA-Z0-9_.-]</c>, the first a letter or digit, an
/// optional leading <c>/</c> dropped.</summary>
public static class ContainerName
{
    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");

    /// <summary>The name without a leading slash; InvalidArgument in dockerd's words otherwise.</summary>
    public static string Validate(string name)
    {
        string bare = name.StartsWith('/') ? name[1..] : name;
        bool valid = bare.Length >= 2 && char.IsAsciiLetterOrDigit(bare[0])
            && bare.AsSpan(1).IndexOfAnyExcept(Allowed) < 0;
        return valid ? bare : throw new InvalidArgumentException($"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
}
