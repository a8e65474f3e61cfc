using Berth.Core.Errors;
using Berth.Linux;
using Berth.Shim.Cli;
using Berth.Shim.Reaping;
using Berth.Shim.Tasks;
using Google.Protobuf;

namespace Berth.Shim;

/// <summary>berth-shim's entry point: containerd's shim command line. Serving the task API over ttrpc comes with Berth.Ttrpc's server.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
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
                default:
                    // TODO: "start" (spawn the serving shim, print its socket) and serving TaskService on the socket
                    // once Berth.Ttrpc's server lands.
                    throw new UnimplementedException($"berth-shim {(arguments.Action.Length > 0 ? arguments.Action : "serve")}: not implemented yet; only 'delete' is");
            }
        }
        catch (BerthException e)
        {
            await Console.Error.WriteLineAsync($"berth-shim: {e.Message}");
            return 1;
        }
    }
}
