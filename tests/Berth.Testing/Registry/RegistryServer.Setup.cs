using System.Diagnostics;
using System.Text;

namespace Berth.Testing.Registry;

public sealed partial class RegistryServer
{
    private async Task<string> WriteConfigAsync(CancellationToken cancellationToken)
    {
        var yaml = new StringBuilder($"""
            version: 0.1
            log:
              level: info
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {DataDirectory}
              delete:
                enabled: true
            http:
              addr: {Host}
              secret: berth-test-secret

            """);
        Directory.CreateDirectory(CertsDirectory);
        if (Options.UsesTls)
        {
            yaml.Append(WriteCertificates());
        }

        if (Options.Users.Count > 0)
        {
            string htpasswd = _dir.Combine("htpasswd");
            await File.WriteAllTextAsync(htpasswd, await HashPasswordsAsync(cancellationToken), cancellationToken);
            yaml.Append($"""
                auth:
                  htpasswd:
                    realm: berth-test
                    path: {htpasswd}

                """);
        }

        string config = _dir.Combine("config.yml");
        await File.WriteAllTextAsync(config, yaml.ToString(), cancellationToken);
        return config;
    }

    // The server gets a certificate for 127.0.0.1; clients get the CA (and a client pair) in certs.d/<Host>/.
    private string WriteCertificates()
    {
        CertificateAuthority = TestCertificateAuthority.Create();
        using var server = CertificateAuthority.IssueServer("127.0.0.1", "localhost");
        TestCertificateAuthority.WritePem(server, _dir.Combine("server.crt"), _dir.Combine("server.key"));
        TestCertificateAuthority.WritePem(CertificateAuthority.Certificate, _dir.Combine("ca.crt"));
        string hostCerts = Directory.CreateDirectory(Path.Combine(CertsDirectory, Host)).FullName;
        TestCertificateAuthority.WritePem(CertificateAuthority.Certificate, Path.Combine(hostCerts, "ca.crt"));
        string tls = $"""
              tls:
                certificate: {_dir.Combine("server.crt")}
                key: {_dir.Combine("server.key")}

            """;
        if (Options.RequireClientCertificate)
        {
            using var client = CertificateAuthority.IssueClient();
            TestCertificateAuthority.WritePem(client, Path.Combine(hostCerts, "client.cert"), Path.Combine(hostCerts, "client.key"));
            tls += $"""
                    clientcas:
                      - {_dir.Combine("ca.crt")}

                """;
        }

        return tls;
    }

    // distribution reads bcrypt only; apache2-utils' htpasswd makes it.
    private async Task<string> HashPasswordsAsync(CancellationToken cancellationToken)
    {
        var lines = new StringBuilder();
        foreach (var (user, password) in Options.Users)
        {
            using var htpasswd = Process.Start(new ProcessStartInfo("htpasswd", ["-Bbn", user, password])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("cannot run htpasswd (apache2-utils)");
            string line = await htpasswd.StandardOutput.ReadToEndAsync(cancellationToken);
            await htpasswd.WaitForExitAsync(cancellationToken);
            if (htpasswd.ExitCode != 0)
            {
                throw new InvalidOperationException($"htpasswd failed: {await htpasswd.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            lines.AppendLine(line.Trim());
        }

        return lines.ToString();
    }
}
