using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using Berth.Linux;
using Berth.Oci.Manifests;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Spec;

/// <summary>
/// Builds a container's runtime spec as dockerd would: docker's defaults (<see cref="DockerDefaults"/>), then the
/// image's config (entrypoint, command, environment, working folder, user), then the options of <c>docker run</c>.
/// Bad options are refused with an <see cref="InvalidArgumentException"/> that names the flag; nothing is written.
/// </summary>
/// <param name="host">The machine's limits, capabilities and kernel.</param>
/// <param name="syscalls">For reading host device nodes (<c>--device</c>, <c>--privileged</c>).</param>
public sealed partial class SpecBuilder(SpecHost host, ISyscalls syscalls)
{
    /// <summary>
    /// The spec of container <paramref name="id"/> in namespace <paramref name="ns"/>. <paramref name="rootfs"/> is a
    /// folder holding the container's files (its mounted snapshot), read for user and group names; without it only
    /// numeric users work.
    /// </summary>
    public RuntimeSpec Build(string ns, string id, ContainerConfig? image, ContainerSpecOptions options, string? rootfs = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        ArgumentException.ThrowIfNullOrEmpty(id);

        var spec = DockerDefaults.Create(ns, id);
        var linux = spec.Linux!;
        ApplyNamespaces(spec, id, options);
        ApplyProcess(spec, image, options, rootfs);
        ApplyMounts(spec, options);
        ApplySecurity(spec, options);
        ApplyDevices(spec, options);
        ApplyResources(linux, options);
        spec.Process!.Rlimits = Rlimits.Build(host, options.Ulimits);
        ApplySysctls(linux, options);

        if (options.OomScoreAdj is { } adj)
        {
            spec.Process.OomScoreAdj = adj is >= -1000 and <= 1000
                ? adj : throw new InvalidArgumentException($"--oom-score-adj {adj}: must be between -1000 and 1000");
        }

        if (options.Annotations.Count > 0)
        {
            spec.Annotations = new Dictionary<string, string>(options.Annotations, StringComparer.Ordinal);
        }

        if (options.CgroupsPath is { Length: > 0 } cgroupsPath)
        {
            linux.CgroupsPath = cgroupsPath;
        }

        return spec;
    }

    private static void ApplyNamespaces(RuntimeSpec spec, string id, ContainerSpecOptions options)
    {
        var namespaces = spec.Linux!.Namespaces!;
        if (options.NetworkNamespace == ContainerSpecOptions.HostNetwork)
        {
            if (options.Hostname is not null)
            {
                throw new InvalidArgumentException("--hostname cannot be set with the host's network, which shares the host's hostname; drop one of them");
            }

            namespaces.RemoveAll(n => n.Type is NamespaceTypes.Network or NamespaceTypes.Uts);
        }
        else if (options.NetworkNamespace is { Length: > 0 } path)
        {
            if (!Path.IsPathRooted(path))
            {
                throw new InvalidArgumentException($"network namespace {path}: give the absolute path of a namespace file, such as /var/run/netns/<name>");
            }

            namespaces.Single(n => n.Type == NamespaceTypes.Network).Path = path;
        }

        if (namespaces.Any(n => n.Type == NamespaceTypes.Uts))
        {
            spec.Hostname = options.Hostname ?? (id.Length > 12 ? id[..12] : id);
        }
    }
}
