using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Berth.Core.Errors;

namespace Berth.Remotes.Registry;

/// <summary>
/// A host's folder of docker's certs.d rules: every <c>*.crt</c> is a CA trusted besides the system's, every
/// <c>*.cert</c> a client certificate whose key is the <c>*.key</c> of the same name.
/// </summary>
internal sealed record HostCertificates(X509Certificate2Collection Authorities, X509Certificate2Collection ClientCertificates)
{
    public static HostCertificates Load(string certsDirectory, string host)
    {
        var authorities = new X509Certificate2Collection();
        var clients = new X509Certificate2Collection();
        string folder = Path.Combine(certsDirectory, host);
        if (!Directory.Exists(folder))
        {
            return new HostCertificates(authorities, clients);
        }

        foreach (string file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            try
            {
                LoadFile(file, authorities, clients);
            }
            catch (CryptographicException ex)
            {
                throw new InvalidArgumentException(
                    $"cannot read {file}: {ex.Message}; certs.d files must be PEM (*.crt CAs, *.cert + *.key client pairs)", ex);
            }
        }

        return new HostCertificates(authorities, clients);
    }

    private static void LoadFile(string file, X509Certificate2Collection authorities, X509Certificate2Collection clients)
    {
        switch (Path.GetExtension(file))
        {
            case ".crt":
                int before = authorities.Count;
                authorities.ImportFromPemFile(file);
                if (authorities.Count == before)
                {
                    throw new InvalidArgumentException($"{file} holds no PEM certificate: a certs.d *.crt must be a PEM CA certificate");
                }

                break;
            case ".cert":
                string key = Path.ChangeExtension(file, ".key");
                if (!File.Exists(key))
                {
                    throw new InvalidArgumentException($"missing key {key} for client certificate {file}: add it or remove the certificate");
                }

                clients.Add(X509Certificate2.CreateFromPemFile(file, key));
                break;
            case ".key" when !File.Exists(Path.ChangeExtension(file, ".cert")):
                throw new InvalidArgumentException(
                    $"missing client certificate {Path.ChangeExtension(file, ".cert")} for key {file}: add it or remove the key");
        }
    }
}
