using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Berth.Core.Errors;
using Berth.Remotes.Registry;
using Berth.Testing;

namespace Berth.Remotes.Tests.Registry;

public sealed class HostCertificatesTests
{
    [Fact]
    public void Load_CertsDFolder_ReadsCasAndClientPairs()
    {
        using var dir = new TempDirectory("certs");
        string host = Directory.CreateDirectory(dir.Combine("example.com:5000")).FullName;
        using var ca = SelfSigned("CN=test ca");
        using var client = SelfSigned("CN=client");
        File.WriteAllText(Path.Combine(host, "ca.crt"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(host, "client.cert"), client.ExportCertificatePem());
        File.WriteAllText(Path.Combine(host, "client.key"), client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        var loaded = HostCertificates.Load(dir.Path, "example.com:5000");

        Assert.Equal(ca.Thumbprint, Assert.Single(loaded.Authorities).Thumbprint);
        Assert.True(Assert.Single(loaded.ClientCertificates).HasPrivateKey);
    }

    [Fact]
    public void Load_NoFolder_IsEmpty()
    {
        using var dir = new TempDirectory("certs");

        var loaded = HostCertificates.Load(dir.Path, "example.com");

        Assert.Empty(loaded.Authorities);
        Assert.Empty(loaded.ClientCertificates);
    }

    [Theory]
    [InlineData("client.cert")]
    [InlineData("client.key")]
    public void Load_HalfAClientPair_ThrowsInvalidArgumentNamingTheMissingFile(string present)
    {
        using var dir = new TempDirectory("certs");
        string host = Directory.CreateDirectory(dir.Combine("example.com")).FullName;
        using var client = SelfSigned("CN=client");
        File.WriteAllText(Path.Combine(host, present),
            present.EndsWith(".key", StringComparison.Ordinal) ? client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() : client.ExportCertificatePem());

        var error = Assert.Throws<InvalidArgumentException>(() => HostCertificates.Load(dir.Path, "example.com"));

        Assert.Contains(present.EndsWith(".key", StringComparison.Ordinal) ? "client.cert" : "client.key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GarbageCa_ThrowsInvalidArgument()
    {
        using var dir = new TempDirectory("certs");
        string host = Directory.CreateDirectory(dir.Combine("example.com")).FullName;
        File.WriteAllText(Path.Combine(host, "ca.crt"), "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");

        Assert.Throws<InvalidArgumentException>(() => HostCertificates.Load(dir.Path, "example.com"));
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
