using System.Security.Cryptography;
using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Containers;

namespace Berth.Operations.Volumes;

/// <summary>What the `berth volume` verbs do, with docker's output and errors.</summary>
public static partial class VolumeOperations
{
    /// <summary>`docker volume create`: prints the volume's name (an existing volume of that name is answered as is).</summary>
    public static async Task CreateAsync(IBerthClient client, VolumeCreateOptions options, CancellationToken cancellationToken)
    {
        var labels = Labels(options.Labels);
        string driver = string.IsNullOrEmpty(options.Driver) ? "local" : options.Driver;
        if (driver != "local")
        {
            // dockerd names the volume before it looks the driver up, so its refusal carries a generated name.
            string name = options.Name ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            throw new InvalidArgumentException($"create {name}: error looking up volume plugin {driver}: plugin \"{driver}\" not found");
        }

        var volume = await client.Volumes.CreateAsync(new VolumeCreate(options.Name)
        {
            Labels = labels,
            Options = FlagValues.Map(options.Options),
        }, cancellationToken);
        await options.Stdout.WriteLineAsync(volume.Name.AsMemory(), cancellationToken);
    }

    /// <summary>
    /// `docker volume rm`: one volume after the other, each name printed once removed; the failures are reported after
    /// (as docker's joined error) and make the exit code 1.
    /// </summary>
    public static async Task<int> RemoveAsync(IBerthClient client, VolumeRemoveOptions options, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        foreach (string name in options.Names)
        {
            try
            {
                await client.Volumes.RemoveAsync(name, options.Force, cancellationToken);
            }
            catch (BerthException ex) when (ex is not UnavailableException)
            {
                errors.Add($"Error response from daemon: {ex.Message}");
                continue;
            }

            await options.Stdout.WriteLineAsync(name.AsMemory(), cancellationToken);
        }

        foreach (string error in errors)
        {
            await options.Stderr.WriteLineAsync(error.AsMemory(), cancellationToken);
        }

        return errors.Count == 0 ? 0 : 1;
    }

    // docker's --label check: the name (left of '=', leading blanks ignored) must be non-empty and blank-free.
    private static Dictionary<string, string> Labels(IReadOnlyList<string> labels)
    {
        foreach (string label in labels)
        {
            string key = label.Split('=', 2)[0].TrimStart();
            if (key.Length == 0)
            {
                throw FlagValues.Invalid(label, "--label", $"invalid label '{label}': empty name");
            }

            if (key.Any(char.IsWhiteSpace))
            {
                throw FlagValues.Invalid(label, "--label", $"label '{key}' contains whitespaces");
            }
        }

        return FlagValues.Map(labels);
    }
}
