using Berth.Core.Transfer;

namespace Berth.Operations.Auth;

/// <summary>
/// Where docker keeps a registry's credentials: the helper named for it in <c>credHelpers</c>, else the one in
/// <c>credsStore</c>, else config.json itself. With a helper, config.json keeps an empty <c>auths</c> entry so that the
/// server stays known.
/// </summary>
public sealed class CredentialStore(DockerConfigFile config, string? helperSearchPath = null)
{
    /// <summary>The config file behind this store.</summary>
    public DockerConfigFile Config => config;

    /// <summary>The credentials for a registry host (docker.io, 127.0.0.1:5000) or key; null when none are stored.</summary>
    public async Task<RegistryCredentials?> GetAsync(string registry, CancellationToken cancellationToken)
    {
        string key = RegistryServer.KeyForRegistry(registry);
        if (Helper(key) is { } helper)
        {
            return await helper.GetAsync(key, cancellationToken);
        }

        return config.GetAuth(key)
            ?? config.AuthKeys.Where(k => RegistryServer.KeyFor(k) == key).Select(config.GetAuth).FirstOrDefault(c => c is not null);
    }

    /// <summary>Stores credentials under <paramref name="key"/>; true when they went into config.json in the clear.</summary>
    public async Task<bool> StoreAsync(string key, RegistryCredentials credentials, CancellationToken cancellationToken)
    {
        var helper = Helper(key);
        if (helper is not null)
        {
            await helper.StoreAsync(key, credentials, cancellationToken);
        }

        config.SetAuth(key, helper is null ? credentials : null);
        config.Save();
        return helper is null;
    }

    /// <summary>Forgets the credentials under <paramref name="key"/>, in the helper and in config.json.</summary>
    public async Task EraseAsync(string key, CancellationToken cancellationToken)
    {
        if (Helper(key) is { } helper)
        {
            await helper.EraseAsync(key, cancellationToken);
        }

        if (config.RemoveAuth(key))
        {
            config.Save();
        }
    }

    private CredentialHelper? Helper(string key)
        => (config.CredentialHelperFor(key) ?? config.CredentialsStore) is { } name ? new CredentialHelper(name, helperSearchPath) : null;
}
