using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Core.Containers.Options;

/// <summary>
/// <c>--restart</c>: <c>no</c> (the default), <c>always</c>, <c>unless-stopped</c> or <c>on-failure[:max-retries]</c>,
/// refused with docker's words (checked against dockerd 20.10).
/// </summary>
public sealed record RestartPolicy(string Name, int MaximumRetryCount = 0)
{
    /// <summary>Never restarted.</summary>
    public static RestartPolicy No { get; } = new("no");

    /// <summary>Reads the flag's value; an empty one is <see cref="No"/>.</summary>
    public static RestartPolicy Parse(string text)
    {
        if (text.Length == 0)
        {
            return No;
        }

        string[] parts = text.Split(':', 2);
        string name = parts[0];
        int count = 0;
        bool counted = parts.Length == 2 && parts[1].Length > 0;
        if (counted && !int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count))
        {
            throw new InvalidArgumentException("invalid restart policy format: maximum retry count must be an integer");
        }

        switch (name)
        {
            case "no" or "always" or "unless-stopped":
                if (count != 0)
                {
                    throw new InvalidArgumentException($"maximum retry count cannot be used with restart policy '{name}'");
                }

                return new RestartPolicy(name);
            case "on-failure":
                return count < 0
                    ? throw new InvalidArgumentException("maximum retry count cannot be negative")
                    : new RestartPolicy(name, count);
            default:
                throw new InvalidArgumentException($"invalid restart policy '{name}'");
        }
    }

    /// <summary>The flag's form: <c>on-failure:3</c>, <c>always</c>.</summary>
    public override string ToString()
        => MaximumRetryCount > 0 ? $"{Name}:{MaximumRetryCount.ToString(CultureInfo.InvariantCulture)}" : Name;
}
