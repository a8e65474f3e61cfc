using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

internal static partial class ContainerRequest
{
    // The sysctls docker lets a container set: namespaced ones only (its ValidateSysctl).
    private static readonly HashSet<string> Sysctls =
    [
        "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni",
        "kernel.shm_rmid_forced",
    ];

    private static ContainerSpecOptions WithSecurity(ContainerSpecOptions spec, ContainerCreateFlags flags)
    {
        foreach (string sysctl in flags.Sysctls)
        {
            string name = sysctl.Split('=', 2)[0];
            if (!sysctl.Contains('=', StringComparison.Ordinal)
                || !(Sysctls.Contains(name) || name.StartsWith("net.", StringComparison.Ordinal) || name.StartsWith("fs.mqueue.", StringComparison.Ordinal)))
            {
                throw FlagValues.Invalid(sysctl, "--sysctl", $"sysctl '{sysctl}' is not allowed");
            }
        }

        spec = spec with
        {
            Ulimits = Ulimits(flags.Ulimits),
            CapAdd = [.. flags.CapAdd],
            CapDrop = [.. flags.CapDrop],
            Privileged = flags.Privileged,
            Sysctls = FlagValues.Map(flags.Sysctls),
            Annotations = FlagValues.Map(flags.Annotations),
        };
        foreach (string option in flags.SecurityOpts)
        {
            spec = WithSecurityOption(spec, option);
        }

        return spec;
    }

    private static ContainerSpecOptions WithSecurityOption(ContainerSpecOptions spec, string option)
    {
        if (option == "no-new-privileges")
        {
            return spec with { NoNewPrivileges = true };
        }

        int separator = option.IndexOfAny(['=', ':']);
        string key = separator < 0 ? option : option[..separator];
        string value = separator < 0 ? string.Empty : option[(separator + 1)..];
        if (value.Length == 0)
        {
            throw new ClientException($"invalid --security-opt: {GoText.Quote(option)}", 125);
        }

        return key switch
        {
            "no-new-privileges" => spec with
            {
                NoNewPrivileges = value switch
                {
                    "true" or "1" or "t" or "T" or "TRUE" or "True" => true,
                    "false" or "0" or "f" or "F" or "FALSE" or "False" => false,
                    _ => throw new InvalidArgumentException($"invalid --security-opt 2: {GoText.Quote(option)}"),
                },
            },
            "seccomp" => spec with { Seccomp = Seccomp(value) },
            // berth applies neither AppArmor nor SELinux: asking for none of them is what it does already.
            "apparmor" when value == "unconfined" => spec,
            "label" when value == "disable" => spec,
            "apparmor" or "label" => throw new InvalidArgumentException(
                $"--security-opt {option}: berth applies no AppArmor or SELinux profile (only {key}={(key == "label" ? "disable" : "unconfined")} is accepted)"),
            "systempaths" => throw new InvalidArgumentException($"--security-opt {option}: not supported yet"),
            _ => throw new InvalidArgumentException($"invalid --security-opt 1: {GoText.Quote(option)}"),
        };
    }

    // docker's CLI sends a profile file's compacted content: the daemon may not see the client's files.
    private static string? Seccomp(string value)
    {
        if (value is "unconfined")
        {
            return value;
        }

        if (value is "builtin")
        {
            return null;
        }

        byte[] profile;
        try
        {
            profile = File.ReadAllBytes(value);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            string why = ex is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : ex.Message;
            throw new ClientException($"opening seccomp profile ({value}) failed: open {value}: {why}", 125);
        }

        try
        {
            using var document = JsonDocument.Parse(profile);
            using var compact = new MemoryStream();
            using (var writer = new Utf8JsonWriter(compact, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                document.RootElement.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(compact.ToArray());
        }
        catch (JsonException ex)
        {
            throw new ClientException($"compacting json for seccomp profile ({value}) failed: {ex.Message}", 125);
        }
    }
}
