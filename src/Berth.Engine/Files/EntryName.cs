using Berth.Core.Errors;

namespace Berth.Engine.Files;

/// <summary>Tar entry names as relative paths below the folder they are unpacked into.</summary>
internal static class EntryName
{
    /// <summary>
    /// The name without <c>./</c>, a leading or trailing <c>/</c> and inner <c>.</c> parts; null for the folder itself.
    /// A name that climbs out of the folder (<c>../x</c>, <c>a/../../x</c>) is refused.
    /// </summary>
    public static string? Clean(string name)
    {
        var parts = new List<string>();
        foreach (string part in name.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    throw new InvalidArgumentException($"invalid tar entry {name}: it leads outside the destination folder");
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }
}
