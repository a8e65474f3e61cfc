using Berth.Integration.Tests.Infrastructure;
using Berth.Testing;

namespace Berth.Integration.Tests.Cli;

/// <summary>`berth login` and `logout` as far as they work without the daemon's transfer: options, config.json.</summary>
public sealed class ImageAuthCommandsTests
{
    [Fact]
    public async Task Logout_RemovesTheServersEntryFromDockersConfig()
    {
        using var config = new TempDirectory("docker-config");
        await File.WriteAllTextAsync(config.Combine("config.json"),
            """{"auths":{"localhost:5000":{"auth":"dTpw"},"https://index.docker.io/v1/":{"auth":"dTpw"}},"psFormat":"table {{.ID}}"}""");

        var result = await BerthCli.RunRawAsync(new Dictionary<string, string> { ["DOCKER_CONFIG"] = config.Path }, "logout", "localhost:5000");

        Assert.Equal((0, "Removing login credentials for localhost:5000\n"), (result.ExitCode, result.Stdout));
        string text = await File.ReadAllTextAsync(config.Combine("config.json"));
        Assert.DoesNotContain("localhost:5000", text, StringComparison.Ordinal);
        Assert.Contains("\"https://index.docker.io/v1/\"", text, StringComparison.Ordinal);
        Assert.Contains("\"psFormat\": \"table {{.ID}}\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the --password-stdin option requires --username to be set", "login", "--password-stdin")]
    [InlineData("conflicting options: cannot specify both --password and --password-stdin", "login", "-u", "me", "-p", "x", "--password-stdin")]
    [InlineData("Error: Cannot perform an interactive login from a non TTY device", "login", "localhost:5000")]
    public async Task Login_WithoutAWayToGetThePassword_ExitOneAsDocker(string message, params string[] arguments)
    {
        using var config = new TempDirectory("docker-config");

        var result = await BerthCli.RunRawAsync(new Dictionary<string, string> { ["DOCKER_CONFIG"] = config.Path }, arguments);

        Assert.Equal((1, message + "\n"), (result.ExitCode, result.Stderr));
        Assert.False(File.Exists(config.Combine("config.json")));
    }
}
