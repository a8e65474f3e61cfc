using System.Text;
using Berth.Core.Errors;

namespace Berth.Operations.Containers.Changes;

/// <summary>A Dockerfile line's words: split at blanks outside quotes, quotes removed, a backslash keeping the next character.</summary>
internal static class Words
{
    public static List<string> Split(string text, string instruction)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote == '\0' && char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            if (c == '\\' && quote != '\'' && i + 1 < text.Length)
            {
                word.Append(text[++i]);
            }
            else if (quote == '\0' && c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == quote)
            {
                quote = '\0';
            }
            else
            {
                word.Append(c);
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words.Count > 0 ? words : throw new InvalidArgumentException($"{instruction} requires at least one argument");
    }
}
