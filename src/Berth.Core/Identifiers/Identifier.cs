using Berth.Core.Errors;

namespace Berth.Core.Identifiers;

/// <summary>
/// The rule containerd applies to namespace, lease and container names: letters and digits, optionally joined by
/// single '.', '_' or '-', at most 76 characters.
/// </summary>
public static class Identifier
{
    /// <summary>The longest identifier accepted.</summary>
    public const int MaxLength = 76;

    /// <summary>Whether <paramref name="id"/> is a valid identifier.</summary>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }

        bool previousWasSeparator = true;
        foreach (char c in id)
        {
            bool separator = c is '.' or '_' or '-';
            if (separator ? previousWasSeparator : !char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }

            previousWasSeparator = separator;
        }

        return !previousWasSeparator;
    }

    /// <summary>Throws <see cref="InvalidArgumentException"/> naming <paramref name="what"/> when the id is invalid.</summary>
    public static string Validate(string? id, string what = "identifier")
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new InvalidArgumentException($"{what} must not be empty");
        }

        if (id.Length > MaxLength)
        {
            throw new InvalidArgumentException($"{what} \"{id}\" is longer than {MaxLength} characters");
        }

        return IsValid(id)
            ? id
            : throw new InvalidArgumentException(
                $"{what} \"{id}\" is invalid: use letters and digits, joined by single '.', '_' or '-'");
    }
}
