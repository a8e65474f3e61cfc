using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using Berth.Integration.Tests.Infrastructure;
using Berth.Operations.Containers;

namespace Berth.Integration.Tests.Oracle;

/// <summary>Starts one dockerd for the class and imports a busybox image into it.</summary>
public sealed class DockerOracleFixture : IAsyncLifetime
{
    public const string Image = "berth-oracle/busybox:1";

    public DockerDaemon? Docker { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (Environment.IsPrivilegedProcess && DockerDaemon.Installed)
        {
            Docker = await DockerDaemon.StartAsync();
            await Docker.ImportBusyboxAsync(Image);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Docker is not null)
        {
            await Docker.DisposeAsync();
        }
    }
}

/// <summary>
/// docker's flag readers against docker itself: for each value, what dockerd accepts (and stores, or puts in the
/// container's environment) and what it refuses, with its message, must be what ours give.
/// </summary>
public sealed class DockerFlagsOracleTests(DockerOracleFixture oracle) : IClassFixture<DockerOracleFixture>
{
    public static TheoryData<string> RestartValues()
        => ["", "no", "always", "always:0", "unless-stopped", "on-failure", "on-failure:", "on-failure:5", "on-failure:x", "always:3", "no:1",
            "unless-stopped:2", "on-failure:-1", "bogus"];

    [Theory]
    [MemberData(nameof(RestartValues))]
    public async Task Restart_AsDockerd(string value)
    {
        var docker = Require();
        var created = await docker.RunAsync("create", "--restart", value, DockerOracleFixture.Image, "true");
        string ours;
        try
        {
            var policy = RestartPolicy.Parse(value);
            ours = $"{policy.Name}:{policy.MaximumRetryCount}";
        }
        catch (InvalidArgumentException e)
        {
            ours = e.Message;
        }

        string theirs = created.ExitCode == 0
            ? (await docker.RunAsync("inspect", "-f", "{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}",
                created.Stdout.Trim())).Stdout.Trim()
            : DockerError(created.Stderr);
        // An empty --restart is stored as "" by dockerd and shown by docker as not restarting: ours names it "no".
        Assert.Equal(theirs.StartsWith(':') ? "no" + theirs : theirs, ours);
    }

    public static TheoryData<string, string> ClientSideValues()
        => new()
        {
            { "--ulimit", "nofile=abc" }, { "--ulimit", "nofile" }, { "--ulimit", "bogus=1" }, { "--ulimit", "nofile=10:5" },
            { "--ulimit", "nofile=1:2:3" }, { "--ulimit", "nofile=1024:2048" }, { "--ulimit", "nproc=10:-1" }, { "--ulimit", "nofile=-1:10" }, { "--memory", "1x" }, { "--memory", "-5" },
            { "--memory", "64m" }, { "--memory", "1kibb" },
        };

    public static TheoryData<string> Names() => ["x", "ab", "a b", "-x", "_x", ".x", "a.b-c_d", "a/b", "/slashed", "é", "a:b"];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Name_AsDockerd(string name)
    {
        var docker = Require();
        // The class's dockerd is fresh and the names differ, so none is in use.
        var created = await docker.RunAsync("create", "--name", name, DockerOracleFixture.Image, "true");
        string ours;
        try
        {
            ours = "stored as " + ContainerName.Validate(name);
        }
        catch (InvalidArgumentException e)
        {
            ours = e.Message;
        }

        string theirs = created.ExitCode == 0
            ? "stored as " + (await docker.RunAsync("inspect", "-f", "{{.Name}}", created.Stdout.Trim())).Stdout.Trim().TrimStart('/')
            : DockerError(created.Stderr);
        Assert.Equal(theirs, ours);
    }

    public static TheoryData<string> Cpus() => ["abc", "-1", "0", "1.5", "3/2", "0.001", "100", "1/0"];

    [Theory]
    [MemberData(nameof(Cpus))]
    public async Task Cpus_AsDocker(string value)
    {
        var docker = Require();
        var created = await docker.RunAsync("create", "--cpus", value, DockerOracleFixture.Image, "true");
        string ours;
        try
        {
            ours = CpuCount.ParseNanoCpus(value, Environment.ProcessorCount).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidArgumentException e)
        {
            // Docker's CLI refuses what is not a number (with its flag's prefix), its daemon what is out of range.
            ours = e.Message.StartsWith("failed to parse", StringComparison.Ordinal) ? $"invalid argument \"{value}\" for \"--cpus\" flag: {e.Message}" : e.Message;
        }

        string theirs = created.ExitCode == 0
            ? (await docker.RunAsync("inspect", "-f", "{{.HostConfig.NanoCpus}}", created.Stdout.Trim())).Stdout.Trim()
            : DockerError(created.Stderr);
        Assert.Equal(theirs, ours);
    }

    /// <summary>Values docker's CLI checks before it sends anything: the complaint after its "flag: " must be ours.</summary>
    [Theory]
    [MemberData(nameof(ClientSideValues))]
    public async Task ClientSideFlag_AsDocker(string flag, string value)
    {
        var docker = Require();
        var created = await docker.RunAsync("create", flag, value, DockerOracleFixture.Image, "true");
        string? ours = null;
        try
        {
            _ = flag == "--ulimit" ? Operations.Containers.Ulimit.Parse(value).ToString() : Core.Units.ByteSize.Parse(value).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidArgumentException e)
        {
            ours = e.Message;
        }

        string? theirs = created.ExitCode == 0 ? null : DockerError(created.Stderr);
        Assert.Equal(theirs, ours is null ? null : $"invalid argument \"{value}\" for \"{(flag == "--memory" ? "-m, --memory" : flag)}\" flag: {ours}");
    }

    [Fact]
    public async Task EnvFile_AsDockerd()
    {
        var docker = Require();
        string file = Path.Join(Path.GetTempPath(), $"berth-oracle-env-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, "\uFEFFA=1\n# comment\n\nB\nC= spaced \n  D=lead\nE=x=y\nG\n\tH=tab\nI=\r\n  # indented\n", TestContext.Current.CancellationToken);
        try
        {
            // B is set in the environment docker's CLI runs in (this test's): both take it from there.
            Environment.SetEnvironmentVariable("B", "fromhost");
            var run = await docker.RunAsync("run", "--rm", "--network", "none", "--env-file", file, DockerOracleFixture.Image, "env");
            run.EnsureSuccess("docker run --env-file");
            var theirs = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(line => !line.StartsWith("PATH=", StringComparison.Ordinal) && !line.StartsWith("HOSTNAME=", StringComparison.Ordinal)
                    && !line.StartsWith("HOME=", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);
            Assert.Equal(theirs, EnvFile.Read(file).Order(StringComparer.Ordinal));

            foreach (string bad in new[] { "export F=2\n", "BAD NAME=1\n", "=nokey\n" })
            {
                await File.WriteAllTextAsync(file, bad, TestContext.Current.CancellationToken);
                var refused = await docker.RunAsync("run", "--rm", "--network", "none", "--env-file", file, DockerOracleFixture.Image, "true");
                Assert.Equal(DockerError(refused.Stderr), Assert.Throws<InvalidArgumentException>(() => EnvFile.Read(file)).Message);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("B", null);
            File.Delete(file);
        }
    }

    private DockerDaemon Require()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        Assert.SkipWhen(oracle.Docker is null, "Debian's docker.io is not installed (scripts/deps.sh test installs it)");
        return oracle.Docker!;
    }

    // The first line of docker's complaint, without the CLI's "docker: " or the daemon's "Error response from daemon: ".
    private static string DockerError(string stderr)
    {
        string line = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim();
        foreach (string prefix in new[] { "docker: ", "Error response from daemon: " })
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                line = line[prefix.Length..];
            }
        }

        return line.TrimEnd('.');
    }
}
