using System.Security.Cryptography;
using Berth.Core.Errors;
using Berth.Oci;
using Microsoft.Extensions.Logging;

namespace Berth.Remotes.Registry;

/// <summary>
/// A blob as it arrives: counted and hashed while read, checked against its descriptor at the end (the digest only
/// when read from byte 0), and resumed with a ranged request when the connection drops or stalls mid-body.
/// </summary>
internal sealed partial class RegistryBlobStream : Stream
{
    private readonly Descriptor _descriptor;
    private readonly Func<long, CancellationToken, Task<HttpResponseMessage>> _reopen;
    private readonly RegistryClientSettings _settings;
    private readonly ILogger _logger;
    private readonly IncrementalHash? _hash;
    private HttpResponseMessage? _response;
    private Stream? _body;
    private long _position;
    private int _failuresWithoutProgress;
    private bool _verified;
    private FailedPreconditionException? _failure;

    public RegistryBlobStream(HttpResponseMessage response, Descriptor descriptor, long offset,
        Func<long, CancellationToken, Task<HttpResponseMessage>> reopen, RegistryClientSettings settings, ILogger logger)
    {
        _response = response;
        _descriptor = descriptor;
        _position = offset;
        _reopen = reopen;
        _settings = settings;
        _logger = logger;
        if (offset == 0 && descriptor.Digest.TryGetHashAlgorithm(out var algorithm))
        {
            _hash = IncrementalHash.CreateHash(algorithm);
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    /// <summary>The offset in the blob of the next byte to read.</summary>
    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_response is null, this);
        if (_failure is not null)
        {
            throw _failure; // a reader that goes on after a mismatch must not see a clean end
        }

        if (_verified || buffer.Length == 0)
        {
            return _verified ? await ExpectEndAsync(cancellationToken) : 0;
        }

        while (true)
        {
            int read;
            try
            {
                read = await ReadBodyAsync(buffer, cancellationToken);
            }
            catch (Exception ex) when (RetryPolicy.IsTransient(ex, cancellationToken) && ++_failuresWithoutProgress <= _settings.MaxResumes)
            {
                RegistryLog.Resuming(_logger, _descriptor.Digest.ToString(), _position, ex.Message);
                await ReopenAsync(cancellationToken);
                continue;
            }

            _failuresWithoutProgress = 0;
            try
            {
                Account(buffer.Span[..read]);
            }
            catch (FailedPreconditionException ex)
            {
                _failure = ex;
                throw;
            }

            return read;
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
        => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body?.Dispose();
            _response?.Dispose();
            _hash?.Dispose();
            _response = null;
        }

        base.Dispose(disposing);
    }
}
