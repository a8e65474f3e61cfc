using System.Buffers;
using System.Text;

namespace Berth.Core.Logs;

/// <summary>
/// Encodes a log entry byte for byte as docker's json-file driver does, so that files from both read the same: the
/// output as a JSON string with <c>&lt; &gt; &amp;</c> and control characters as lowercase <c>\u00xx</c> (newline and
/// carriage return as <c>\n</c>, <c>\r</c>), U+2028 and U+2029 escaped, bytes that are not UTF-8 as U+FFFD, and the rest
/// of UTF-8 as it is.
/// </summary>
internal static class JsonLogEncoding
{
    private const string Hex = "0123456789abcdef";

    public static void WriteEntry(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> text, string stream, string time)
    {
        Append(buffer, "{\"log\":\""u8);
        WriteEscaped(buffer, text);
        Append(buffer, "\",\"stream\":\""u8);
        Append(buffer, Encoding.ASCII.GetBytes(stream));
        Append(buffer, "\",\"time\":\""u8);
        Append(buffer, Encoding.ASCII.GetBytes(time));
        Append(buffer, "\"}\n"u8);
    }

    private static void WriteEscaped(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> text)
    {
        int plain = 0;
        int i = 0;
        while (i < text.Length)
        {
            byte b = text[i];
            if (b < 0x80)
            {
                if (b >= 0x20 && b is not ((byte)'\\' or (byte)'"' or (byte)'<' or (byte)'>' or (byte)'&'))
                {
                    i++;
                    continue;
                }

                Append(buffer, text[plain..i]);
                Append(buffer, b switch
                {
                    (byte)'\\' => "\\\\"u8,
                    (byte)'"' => "\\\""u8,
                    (byte)'\n' => "\\n"u8,
                    (byte)'\r' => "\\r"u8,
                    _ => [(byte)'\\', (byte)'u', (byte)'0', (byte)'0', (byte)Hex[b >> 4], (byte)Hex[b & 0xF]],
                });
                plain = ++i;
                continue;
            }

            var status = Rune.DecodeFromUtf8(text[i..], out var rune, out int size);
            if (status != OperationStatus.Done || rune.Value is 0x2028 or 0x2029)
            {
                Append(buffer, text[plain..i]);
                Append(buffer, status != OperationStatus.Done ? "\\ufffd"u8 : rune.Value == 0x2028 ? "\\u2028"u8 : "\\u2029"u8);
                i += Math.Max(size, 1);
                plain = i;
                continue;
            }

            i += size;
        }

        Append(buffer, text[plain..]);
    }

    private static void Append(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes) => buffer.Write(bytes);
}
