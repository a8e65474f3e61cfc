using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using Berth.Oci.Manifests;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Spec;

public sealed partial class SpecBuilder
{
    private static void ApplyProcess(RuntimeSpec spec, ContainerConfig? image, ContainerSpecOptions options, string? rootfs)
    {
        var process = spec.Process!;

        // A new entrypoint drops the image's command too, as docker does; a command replaces only the image's command.
        var entrypoint = options.Entrypoint ?? image?.Entrypoint ?? [];
        var command = options.Command is { Count: > 0 } given ? given
            : options.Entrypoint is not null ? [] : image?.Cmd ?? [];
        process.Args = [.. entrypoint, .. command];
        if (process.Args.Count == 0 || process.Args[0].Length == 0)
        {
            throw new InvalidArgumentException("no command: the image has neither an entrypoint nor a command; give one after the image name");
        }

        string cwd = options.WorkingDir is { Length: > 0 } dir ? dir : image?.WorkingDir is { Length: > 0 } imageDir ? imageDir : "/";
        process.Cwd = cwd.StartsWith('/')
            ? cwd : throw new InvalidArgumentException($"--workdir {cwd}: the working folder must be an absolute path");

        process.Terminal = options.Tty;
        process.Env = BuildEnv(spec.Hostname, image, options);

        var user = UserResolver.Resolve(options.User ?? image?.User, rootfs, options.GroupAdd);
        process.User = new UserSpec
        {
            Uid = user.Uid,
            Gid = user.Gid,
            AdditionalGids = user.AdditionalGids.Count > 0 ? [.. user.AdditionalGids] : null,
        };
        process.NoNewPrivileges = options.NoNewPrivileges;
        spec.Root!.Readonly = options.ReadonlyRootfs;
    }

    // docker's order: a default PATH, HOSTNAME, TERM for a terminal, then the image's variables, then the user's; a
    // later value of a name replaces the earlier one in place.
    private static List<string> BuildEnv(string? hostname, ContainerConfig? image, ContainerSpecOptions options)
    {
        var env = new List<string> { "PATH=" + DockerDefaults.Path };
        if (hostname is not null)
        {
            env.Add("HOSTNAME=" + hostname);
        }

        if (options.Tty)
        {
            env.Add("TERM=xterm");
        }

        foreach (string variable in (image?.Env ?? []).Concat(options.Env))
        {
            int eq = variable.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new InvalidArgumentException($"environment variable '{variable}' is not NAME=value; give a value (or resolve it from the client's environment first)");
            }

            EnvironmentVariables.Set(env, variable);
        }

        return env;
    }
}
