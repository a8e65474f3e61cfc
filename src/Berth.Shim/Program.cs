using Berth.Core.Errors;
using Berth.Linux;
using Berth.Shim.Cli;
using Berth.Shim.Memory;
using Berth.Shim.Reaping;
using Berth.Shim.Tasks;
using Google.Protobuf;

namespace Berth.Shim;

/// <summary>berth-shim's entry point: containerd's shim command line (start, delete, or serve the task API over ttrpc).</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            if (args is ["log", ..])
            {
                return LogAction.Run(args);
            }

            var arguments = ShimArguments.Parse(args);
            if (arguments.Version)
            {
                Console.WriteLine($"berth-shim {typeof(Program).Assembly.GetName().Version}");
                return 0;
            }

            var defaults = new TaskServiceOptions(arguments.Namespace);
            switch (arguments.Action)
            {
                case "delete":
                    var response = await DeleteAction.RunAsync(arguments, defaults, Reaper.Default, LinuxSyscalls.Instance, CancellationToken.None);
                    using (var stdout = Console.OpenStandardOutput())
                    {
                        response.WriteTo(stdout);
                    }

                    return 0;
                case "start" when StartInPlaceAction.Requested:
                    return await StartInPlaceAction.RunAsync(arguments);
                case "start":
                    Console.Write(StartAction.Run(arguments, args));
                    return 0;
                case "":
                    using (IdleTrimmer.Start())
                    {
                        return await ServeAction.RunAsync(arguments);
                    }

                default:
                    throw new InvalidArgumentException($"berth-shim: unknown action {arguments.Action}: use start, delete, or none to serve");
            }
        }
        catch (BerthException e)
        {
            await Console.Error.WriteLineAsync($"berth-shim: {e.Message}");
            return 1;
        }
    }
}
