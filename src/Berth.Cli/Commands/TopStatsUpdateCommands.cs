using System.CommandLine;
using Berth.Operations.Containers;
using Berth.Operations.Containers.Resources;

namespace Berth.Cli.Commands;

/// <summary>`top`, `stats` and `update`, at the top and under `berth container`.</summary>
internal static class TopStatsUpdateCommands
{
    public static IEnumerable<Command> All() => [Top(), Stats(), Update()];

    private static Command Top()
    {
        var container = new Argument<string>("CONTAINER");
        var psArgs = new Argument<string[]>("ps OPTIONS") { Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("top", "Display the running processes of a container") { container, psArgs };
        // `top web -o pid,comm`: what follows the container is ps's, options included.
        RunCommand.StopAtFirstArgument(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await ResourceOperations.TopAsync(client, new ContainerTopOptions
            {
                Container = parsed.GetValue(container)!,
                PsArgs = parsed.GetValue(psArgs) ?? [],
                Stdout = Console.Out,
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Stats()
    {
        var all = new Option<bool>("--all", "-a") { Description = "Show all containers (default shows just running)" };
        var format = new Option<string>("--format") { Description = "Format output using a custom template: table, table TEMPLATE, json, or a Go template" };
        var noStream = new Option<bool>("--no-stream") { Description = "Disable streaming stats and only pull the first result" };
        var noTrunc = new Option<bool>("--no-trunc") { Description = "Do not truncate output" };
        var containers = new Argument<string[]>("CONTAINER") { Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("stats", "Display a live stream of container(s) resource usage statistics") { all, format, noStream, noTrunc, containers };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            return await ResourceOperations.StatsAsync(client, new ContainerStatsOptions
            {
                Containers = parsed.GetValue(containers) ?? [],
                All = parsed.GetValue(all),
                NoStream = parsed.GetValue(noStream),
                NoTrunc = parsed.GetValue(noTrunc),
                Format = parsed.GetValue(format),
                Stdout = Console.Out,
                Stderr = Console.Error,
            }, cancellationToken);
        });
        return command;
    }

    private static Command Update()
    {
        Option<string> Valued(string name, string description, string? alias = null)
            => alias is null ? new(name) { Description = description } : new(name, alias) { Description = description };

        var memory = Valued("--memory", "Memory limit", "-m");
        var memorySwap = Valued("--memory-swap", "Swap limit equal to memory plus swap: -1 to enable unlimited swap");
        var memoryReservation = Valued("--memory-reservation", "Memory soft limit");
        var cpus = Valued("--cpus", "Number of CPUs");
        var cpuShares = Valued("--cpu-shares", "CPU shares (relative weight)", "-c");
        var cpuPeriod = Valued("--cpu-period", "Limit CPU CFS (Completely Fair Scheduler) period");
        var cpuQuota = Valued("--cpu-quota", "Limit CPU CFS (Completely Fair Scheduler) quota");
        var cpusetCpus = Valued("--cpuset-cpus", "CPUs in which to allow execution (0-3, 0,1)");
        var cpusetMems = Valued("--cpuset-mems", "MEMs in which to allow execution (0-3, 0,1)");
        var pidsLimit = Valued("--pids-limit", "Tune container pids limit (set -1 for unlimited)");
        var blkioWeight = Valued("--blkio-weight", "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)");
        var restart = Valued("--restart", "Restart policy to apply when a container exits");
        var containers = new Argument<string[]>("CONTAINER") { Arity = ArgumentArity.OneOrMore };
        var command = new Command("update", "Update configuration of one or more containers")
        {
            memory, memorySwap, memoryReservation, cpus, cpuShares, cpuPeriod, cpuQuota, cpusetCpus, cpusetMems, pidsLimit, blkioWeight, restart,
            containers,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            return await ResourceOperations.UpdateAsync(client, new ContainerUpdateOptions
            {
                Containers = parsed.GetValue(containers)!,
                Resources = new ResourceFlags
                {
                    Memory = parsed.GetValue(memory), MemorySwap = parsed.GetValue(memorySwap), MemoryReservation = parsed.GetValue(memoryReservation),
                    Cpus = parsed.GetValue(cpus), CpuShares = parsed.GetValue(cpuShares), CpuPeriod = parsed.GetValue(cpuPeriod),
                    CpuQuota = parsed.GetValue(cpuQuota), CpusetCpus = parsed.GetValue(cpusetCpus), CpusetMems = parsed.GetValue(cpusetMems),
                    PidsLimit = parsed.GetValue(pidsLimit), BlkioWeight = parsed.GetValue(blkioWeight),
                },
                Restart = parsed.GetValue(restart),
                Stdout = Console.Out,
                Stderr = Console.Error,
            }, cancellationToken);
        });
        return command;
    }
}
