using Berth.Operations.Output;

namespace Berth.Operations.Containers;

/// <summary>
/// <c>--detach-keys</c>: a comma-separated key sequence (<c>ctrl-p,ctrl-q</c>, docker's default; <c>ctrl-@</c> to
/// <c>ctrl-_</c>, <c>DEL</c>, or single characters), and the scan of the user's input for it. Bytes that start the
/// sequence are held back until it is clear whether the sequence follows; then they are passed on, or the user
/// detaches.
/// </summary>
public sealed class DetachKeys
{
    private const string Controls = "@abcdefghijklmnopqrstuvwxyz[\\]^_";

    private readonly byte[] _sequence;
    private int _matched;

    private DetachKeys(byte[] sequence) => _sequence = sequence;

    /// <summary>docker's default, Ctrl-P Ctrl-Q.</summary>
    public const string Default = "ctrl-p,ctrl-q";

    /// <summary>Reads the flag's value; a usage error in docker's words when a key is unknown.</summary>
    public static DetachKeys Parse(string? text)
    {
        string keys = string.IsNullOrEmpty(text) ? Default : text;
        var sequence = new List<byte>();
        foreach (string key in keys.Split(','))
        {
            int control = key.StartsWith("ctrl-", StringComparison.Ordinal) && key.Length == 6 ? Controls.IndexOf(key[5], StringComparison.Ordinal) : -1;
            sequence.Add(key switch
            {
                { Length: 1 } when key[0] < 128 => (byte)key[0],
                "DEL" => 127,
                _ when control >= 0 => (byte)control,
                _ => throw new ClientException($"invalid detach keys ({keys}): Unknown character: '{key}'", 125),
            });
        }

        return new DetachKeys([.. sequence]);
    }

    /// <summary>
    /// Scans the next bytes the user typed: <paramref name="forward"/> gets what is to reach the container (possibly
    /// held-back bytes of an earlier call); true when the sequence is complete and the user detaches.
    /// </summary>
    public bool Scan(ReadOnlySpan<byte> input, List<byte> forward)
    {
        foreach (byte b in input)
        {
            if (b == _sequence[_matched])
            {
                if (++_matched == _sequence.Length)
                {
                    _matched = 0;
                    return true;
                }

                continue;
            }

            // A partial match that broke off was the user's own input after all.
            forward.AddRange(_sequence.AsSpan(0, _matched));
            _matched = 0;
            if (b == _sequence[0])
            {
                _matched = 1;
                if (_sequence.Length == 1)
                {
                    _matched = 0;
                    return true;
                }
            }
            else
            {
                forward.Add(b);
            }
        }

        return false;
    }
}
