using System.Globalization;
using Berth.Core.Errors;
using Berth.Core.Units;

namespace Berth.Core.Logs;

/// <summary>
/// docker's json-file log options: <c>max-size</c> (bytes per file before it rotates; unlimited by default) and
/// <c>max-file</c> (how many files are kept, the live one included; 1 by default, and more only with a max-size).
/// </summary>
public sealed record JsonLogOptions(long MaxSize = JsonLogOptions.Unlimited, int MaxFile = 1)
{
    /// <summary>No size limit: the file never rotates.</summary>
    public const long Unlimited = -1;

    /// <summary>Reads <c>--log-opt</c> pairs; InvalidArgument, in docker's words, for what docker refuses.</summary>
    public static JsonLogOptions Parse(IReadOnlyDictionary<string, string> options)
    {
        long maxSize = Unlimited;
        int maxFile = 1;
        foreach (var (key, value) in options)
        {
            switch (key)
            {
                case "max-size":
                    maxSize = ParseSize(value);
                    break;
                case "max-file":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out maxFile) || maxFile < 1)
                    {
                        throw new InvalidArgumentException($"max-file {value} is not a number of at least 1");
                    }

                    break;
                default:
                    throw new InvalidArgumentException($"unknown log opt '{key}' for json-file log driver");
            }
        }

        if (maxFile > 1 && maxSize == Unlimited)
        {
            throw new InvalidArgumentException("max-file cannot be greater than 1 without max-size: set --log-opt max-size too");
        }

        return new JsonLogOptions(maxSize, maxFile);
    }

    private static long ParseSize(string text)
    {
        long size = ByteSize.Parse(text);
        return size > 0 ? size : throw new InvalidArgumentException($"invalid max-size {text}: use a size such as 10m, 512k or 1g");
    }
}
