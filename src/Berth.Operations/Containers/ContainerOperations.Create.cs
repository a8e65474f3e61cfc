using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Oci;
using Berth.Operations.Images;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

/// <summary>What the `berth container` verbs do.</summary>
public static partial class ContainerOperations
{
    /// <summary>
    /// `docker create`: makes the container (pulling its image first when it is missing, as docker does) and prints
    /// its id. A refused flag is a usage error (125); the daemon's refusals are thrown for the caller to print.
    /// </summary>
    public static async Task<int> CreateAsync(IBerthClient client, ContainerRunOptions options, CancellationToken cancellationToken)
    {
        var request = Request(options);
        string id = await CreateWithPullAsync(client, request, options, cancellationToken);
        await options.Console.Out.WriteLineAsync(id.AsMemory(), cancellationToken);
        return 0;
    }

    /// <summary>The engine's request for the flags; a refusal is a <see cref="ClientException"/> worded as berth prints usage errors.</summary>
    private static ContainerCreate Request(ContainerRunOptions options)
    {
        try
        {
            if (options.Pull is not (null or "" or "missing" or "always" or "never"))
            {
                throw new ClientException($"invalid pull option: '{options.Pull}': must be one of \"always\", \"missing\" or \"never\"", ExitStatus.Failed);
            }

            var streams = Streams(options);
            return ContainerRequest.From(options.Flags, options.Host ?? FlagHost.Current, options.Detach) with
            {
                Platform = options.Platform,
                AttachStdout = !options.Detach && streams.Stdout,
                AttachStderr = !options.Detach && streams.Stderr,
            };
        }
        catch (Exception ex) when (ex is ClientException or BerthException)
        {
            throw new ClientException(Usage(options, ex.Message), ExitStatus.Failed);
        }
    }

    /// <summary>berth's usage error: the complaint, then where to read about the command.</summary>
    private static string Usage(ContainerRunOptions options, string message) => $"berth: {message}\nSee 'berth {options.CommandName} --help'.";

    // docker's CLI: --pull always pulls first; missing (the default) pulls when the engine says the image is not there.
    private static async Task<string> CreateWithPullAsync(IBerthClient client, ContainerCreate request, ContainerRunOptions options,
        CancellationToken cancellationToken)
    {
        string pull = string.IsNullOrEmpty(options.Pull) ? "missing" : options.Pull;
        if (pull == "always")
        {
            await PullAsync(client, request.Image, options, cancellationToken);
        }

        ContainerCreated created;
        try
        {
            created = await client.Engine.CreateAsync(request, cancellationToken);
        }
        catch (NotFoundException ex) when (pull == "missing" && ex.Message.StartsWith("No such image", StringComparison.Ordinal))
        {
            if (!options.Quiet)
            {
                string familiar = ImageReference.TryParse(request.Image, out var reference, out _) ? reference.Familiar : request.Image;
                await options.Console.Error.WriteLineAsync($"Unable to find image '{familiar}' locally".AsMemory(), cancellationToken);
            }

            await PullAsync(client, request.Image, options, cancellationToken);
            created = await client.Engine.CreateAsync(request, cancellationToken);
        }

        foreach (string warning in created.Warnings)
        {
            await options.Console.Error.WriteLineAsync($"WARNING: {warning}".AsMemory(), cancellationToken);
        }

        return created.Id;
    }

    // The progress goes to stderr: stdout is the container's (or its id's).
    private static Task PullAsync(IBerthClient client, string image, ContainerRunOptions options, CancellationToken cancellationToken)
    {
        var console = options.Console;
        bool terminal = console.ErrorIsTerminal;
        return ImageOperations.PullAsync(client, new ImagePullOptions
        {
            Reference = image,
            Platform = options.Platform,
            Quiet = options.Quiet,
            Credentials = options.Credentials,
            Stdout = options.Quiet ? TextWriter.Null : new PullProgressWriter(console.Error, image),
            IsTerminal = terminal,
            TerminalWidth = terminal ? (int)(console.WindowSize?.Width ?? 80) : 0,
            Time = options.Time,
        }, cancellationToken);
    }
}
