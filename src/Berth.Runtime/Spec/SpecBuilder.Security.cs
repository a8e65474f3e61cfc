using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using Berth.Oci.Runtime;
using Berth.Runtime.Spec.Seccomp;

namespace Berth.Runtime.Spec;

public sealed partial class SpecBuilder
{
    private void ApplySecurity(RuntimeSpec spec, ContainerSpecOptions options)
    {
        var linux = spec.Linux!;
        var caps = options.Privileged ? host.Capabilities : Capabilities.Apply(host.Capabilities, options.CapAdd, options.CapDrop);
        spec.Process!.Capabilities = new LinuxCapabilities { Bounding = [.. caps], Effective = [.. caps], Permitted = [.. caps] };

        if (options.Privileged)
        {
            linux.MaskedPaths = null;
            linux.ReadonlyPaths = null;
            linux.Seccomp = null;
            return;
        }

        linux.Seccomp = options.Seccomp switch
        {
            null => SeccompResolver.Resolve(DefaultSeccompProfile.Create(), caps, host),
            "unconfined" => null,
            var json when json.TrimStart().StartsWith('{') => SeccompResolver.Resolve(SeccompProfiles.Parse(json, "given inline"), caps, host),
            var path => SeccompResolver.Resolve(SeccompProfiles.Parse(ReadProfile(path), path), caps, host),
        };
    }

    private static string ReadProfile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidArgumentException($"--security-opt seccomp={path}: the profile cannot be read ({ex.Message}); give a readable file, or 'unconfined'");
        }
    }
}
