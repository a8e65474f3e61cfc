namespace Berth.Oci.Manifests.Json;

/// <summary>
/// Go's encoding/json escapes &lt;, &gt;, &amp;, U+2028 and U+2029 inside strings (as <c>\u003c</c>…); .NET's relaxed
/// encoder leaves them. Those characters never occur outside strings in JSON, so they can be replaced byte by byte.
/// </summary>
internal static class GoEscaping
{
    public static byte[] Apply(byte[] json)
    {
        ReadOnlySpan<byte> special = [(byte)'<', (byte)'>', (byte)'&', 0xE2];
        if (json.AsSpan().IndexOfAny(special) < 0)
        {
            return json;
        }

        var output = new List<byte>(json.Length + 16);
        for (int i = 0; i < json.Length; i++)
        {
            byte b = json[i];
            string? escape = b switch
            {
                (byte)'<' => "\\u003c",
                (byte)'>' => "\\u003e",
                (byte)'&' => "\\u0026",
                0xE2 when i + 2 < json.Length && json[i + 1] == 0x80 && json[i + 2] is 0xA8 or 0xA9 => json[i + 2] == 0xA8 ? "\\u2028" : "\\u2029",
                _ => null,
            };
            if (escape is null)
            {
                output.Add(b);
                continue;
            }

            output.AddRange(System.Text.Encoding.ASCII.GetBytes(escape));
            i += b == 0xE2 ? 2 : 0;
        }

        return [.. output];
    }
}
