namespace Berth.Ttrpc;

/// <summary>What a handler knows about the call it serves.</summary>
public sealed class TtrpcCallContext
{
    private readonly CancellationTokenSource _cancellation;

    internal TtrpcCallContext(string service, string method, TtrpcMetadata metadata, TimeSpan? timeout, CancellationTokenSource cancellation)
    {
        Service = service;
        Method = method;
        Metadata = metadata;
        Timeout = timeout;
        _cancellation = cancellation;
    }

    /// <summary>The service name, such as <c>containerd.task.v2.Task</c>.</summary>
    public string Service { get; }

    /// <summary>The method name, such as <c>State</c>.</summary>
    public string Method { get; }

    /// <summary>The request's metadata.</summary>
    public TtrpcMetadata Metadata { get; }

    /// <summary>The namespace containerd sent (<c>containerd-namespace-ttrpc</c>), or null.</summary>
    public string? Namespace => Metadata.Get(TtrpcMetadata.NamespaceKey);

    /// <summary>The caller's timeout (timeout_nano), or null when it set none.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>Cancelled when the timeout passes, the connection closes or the server stops.</summary>
    public CancellationToken CancellationToken => _cancellation.Token;

    internal bool TimedOut { get; set; }
}
