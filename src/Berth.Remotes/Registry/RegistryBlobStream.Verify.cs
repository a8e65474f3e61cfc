using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Remotes.Registry;

internal sealed partial class RegistryBlobStream
{
    // A stalled body is abandoned after the read timeout (then resumed), rather than hanging the pull.
    private async Task<int> ReadBodyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        _body ??= await _response!.Content.ReadAsStreamAsync(cancellationToken);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(_settings.ReadTimeout);
        int want = (int)Math.Min(buffer.Length, Math.Max(_descriptor.Size - _position, 1));
        return await _body.ReadAsync(buffer[..want], stall.Token);
    }

    private async Task ReopenAsync(CancellationToken cancellationToken)
    {
        _body?.Dispose();
        _body = null;
        _response?.Dispose();
        _response = await _reopen(_position, cancellationToken);
    }

    private void Account(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            if (_position < _descriptor.Size)
            {
                throw new FailedPreconditionException(
                    $"size mismatch: {_descriptor.Digest} ended after {_position} bytes, the descriptor says {_descriptor.Size}");
            }

            Verify();
            return;
        }

        if (_position + data.Length > _descriptor.Size)
        {
            throw new FailedPreconditionException(
                $"size mismatch: {_descriptor.Digest} has more than the {_descriptor.Size} bytes the descriptor says");
        }

        _hash?.AppendData(data);
        _position += data.Length;
        if (_position == _descriptor.Size)
        {
            // Checked as the last byte arrives: a reader that stops at the known size must not miss a corrupt blob.
            Verify();
        }
    }

    private void Verify()
    {
        if (_verified)
        {
            return;
        }

        _verified = true;
        if (_hash is null)
        {
            return;
        }

        var actual = Digest.FromHash(_descriptor.Digest.Algorithm, _hash.GetHashAndReset());
        if (actual != _descriptor.Digest)
        {
            throw new FailedPreconditionException(
                $"digest mismatch: {_descriptor.Digest} arrived with digest {actual}; the registry (or something between) corrupted it, the blob was not stored");
        }
    }

    // After the last byte the body must end: a registry sending more serves another blob than the descriptor says.
    private async Task<int> ExpectEndAsync(CancellationToken cancellationToken)
    {
        if (_body is null)
        {
            return 0;
        }

        byte[] probe = new byte[1];
        int extra = await _body.ReadAsync(probe, cancellationToken);
        return extra == 0 ? 0 : throw new FailedPreconditionException(
            $"size mismatch: {_descriptor.Digest} has more than the {_descriptor.Size} bytes the descriptor says");
    }
}
