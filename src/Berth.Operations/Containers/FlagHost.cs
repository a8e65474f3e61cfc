namespace Berth.Operations.Containers;

/// <summary>
/// What reading the container flags needs from the machine the command runs on: its environment (<c>-e NAME</c> and
/// env files take values from it), its current folder (<c>-v ./data:/data</c>) and its CPUs (<c>--cpus</c> is
/// checked against them).
/// </summary>
/// <param name="Lookup">An environment variable's value, null when unset.</param>
public sealed record FlagHost(Func<string, string?> Lookup, string CurrentDirectory, int ProcessorCount)
{
    /// <summary>This process's environment, folder and CPUs.</summary>
    public static FlagHost Current => new(Environment.GetEnvironmentVariable, Environment.CurrentDirectory, Environment.ProcessorCount);
}
