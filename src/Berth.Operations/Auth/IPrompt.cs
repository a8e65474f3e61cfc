namespace Berth.Operations.Auth;

/// <summary>Asks the user at a terminal; commands get none when stdin is not a terminal.</summary>
public interface IPrompt
{
    /// <summary>Prints <paramref name="prompt"/> and reads a line; null at end of input.</summary>
    string? ReadLine(string prompt);

    /// <summary>Prints <paramref name="prompt"/> and reads a line without echoing it.</summary>
    string? ReadSecret(string prompt);
}

/// <summary>The process's console, prompting on stdout as docker does.</summary>
public sealed class ConsolePrompt : IPrompt
{
    /// <summary>A prompt when stdin and stdout are a terminal, else null.</summary>
    public static IPrompt? IfTerminal() => Console.IsInputRedirected || Console.IsOutputRedirected ? null : new ConsolePrompt();

    /// <inheritdoc />
    public string? ReadLine(string prompt)
    {
        Console.Out.Write(prompt);
        return Console.ReadLine();
    }

    /// <inheritdoc />
    public string? ReadSecret(string prompt)
    {
        Console.Out.Write(prompt);
        var secret = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Out.WriteLine();
                return secret.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                secret.Length = Math.Max(0, secret.Length - 1);
            }
            else if (key.KeyChar != '\0')
            {
                secret.Append(key.KeyChar);
            }
        }
    }
}
