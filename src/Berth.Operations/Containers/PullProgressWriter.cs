using System.Text;
using Berth.Oci;

namespace Berth.Operations.Containers;

/// <summary>
/// The pull's output as `docker run` shows it: `docker pull` starts with "Using default tag: latest" and ends with the
/// image's full name on a line of its own, which `docker run` leaves out. Everything else passes through to
/// <paramref name="inner"/>.
/// </summary>
internal sealed class PullProgressWriter(TextWriter inner, string image) : TextWriter
{
    private readonly string? _fullName = ImageReference.TryParse(image, out var reference, out _) ? reference.ToString() : null;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value) => inner.Write(value);

    public override Task WriteAsync(char value) => inner.WriteAsync(value);

    public override Task WriteAsync(string? value) => inner.WriteAsync(value);

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        => inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        => (_fullName is not null && buffer.Span.SequenceEqual(_fullName)) || buffer.Span.StartsWith("Using default tag: ")
            ? Task.CompletedTask
            : inner.WriteLineAsync(buffer, cancellationToken);

    public override Task FlushAsync() => inner.FlushAsync();

    public override void Flush() => inner.Flush();
}
