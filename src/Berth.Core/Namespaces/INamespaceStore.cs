namespace Berth.Core.Namespaces;

/// <summary>The tenants of the daemon. Every other object lives in exactly one namespace.</summary>
public interface INamespaceStore
{
    /// <summary>Creates a namespace; AlreadyExists if taken, InvalidArgument if the name is not an identifier.</summary>
    ValueTask CreateAsync(string name, IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default);

    /// <summary>The labels of a namespace; NotFound if none.</summary>
    ValueTask<IReadOnlyDictionary<string, string>> GetLabelsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Sets (or with an empty value, removes) one label.</summary>
    ValueTask SetLabelAsync(string name, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>All namespace names.</summary>
    ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes an empty namespace; FailedPrecondition naming what it still holds otherwise.</summary>
    ValueTask DeleteAsync(string name, CancellationToken cancellationToken = default);
}
