using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Berth.Core.Containers;
using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Logs;
using Berth.Core.Metadata;
using Berth.Oci.Runtime;
using Berth.Runtime.Shims;
using Berth.Runtime.Tasks;

namespace Berth.Engine;

public sealed partial class ContainerEngine
{
    private const string SpecTypeUrl = "types.containerd.io/opencontainers/runtime-spec/1/Spec";

    /// <inheritdoc />
    public async ValueTask<ContainerCreated> CreateAsync(INamespaceScope scope, ContainerCreate request, CancellationToken cancellationToken = default)
    {
        if (request.Name is { } wanted && !ValidName().IsMatch(wanted.TrimStart('/')))
        {
            throw new InvalidArgumentException($"Invalid container name ({wanted}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }

        var image = await ImageResolver.ResolveAsync(scope, request.Image, request.Platform, cancellationToken);
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await _names.WaitAsync(cancellationToken);
        try
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            await foreach (var (container, existing) in ListRecordsAsync(scope, cancellationToken))
            {
                names[existing.Name] = container.Id;
            }

            string name = request.Name?.TrimStart('/') ?? NameGenerator.Next(names.ContainsKey);
            if (names.TryGetValue(name, out string? holder))
            {
                throw new AlreadyExistsException(
                    $"Conflict. The container name \"/{name}\" is already in use by container \"{holder}\". You have to remove (or rename) that container to be able to reuse that name.");
            }

            // Bad log options are refused now, as dockerd refuses them at create, not at the first start.
            _ = JsonLogOptions.Parse(request.LogOptions);
            var (specOptions, volumes) = await MountVolumesAsync(scope, request, image, cancellationToken);
            var record = EffectiveConfig.Of(request, image, name, id) with { Volumes = volumes };
            specOptions = EtcFiles.Write(ContainerFolder(id), record.Hostname, specOptions);
            var built = WithInit(request, record, specOptions) with { Hostname = record.Hostname };
            RuntimeSpec? spec = null;
            if (NamesAUserOrGroup(built.User ?? image.Config.Config?.User, built.GroupAdd) && image.TopChainId is { } top)
            {
                // Names are the image's: read its /etc/passwd and /etc/group, as dockerd does at start.
                await ReadImageAsync(scope, top, root => spec = specs.Build(scope.Namespace, id, image.Config.Config, built, root), cancellationToken);
            }

            spec ??= specs.Build(scope.Namespace, id, image.Config.Config, built);
            var labels = request.Labels.Where(l => l.Value.Length > 0).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
            labels[ContainerRecord.NameLabel] = name;
            var made = new Container(id)
            {
                Labels = labels,
                Image = image.Name,
                Runtime = new ContainerRuntime(options.RuntimeName, RuntimeOptions(request.Runtime)),
                Spec = new PackedMessage(SpecTypeUrl, RuntimeSpecJson.Serialize(spec)),
                Snapshotter = options.Snapshotter,
                SnapshotKey = id,
                Extensions = new Dictionary<string, PackedMessage> { [ContainerRecord.ExtensionName] = record.Pack() },
            };
            // The record first: it is what keeps the snapshot from the collector once the snapshot exists.
            await scope.Containers.CreateAsync(made, cancellationToken);
            try
            {
                var rootfs = await scope.Snapshotter(options.Snapshotter).PrepareAsync(id, image.TopChainId, null, CancellationToken.None);
                MtabLink.Add(syscalls, rootfs);
            }
            catch
            {
                await scope.Containers.DeleteAsync(id, CancellationToken.None);
                throw;
            }

            PublishContainer(scope.Namespace, id, record, "create");
        }
        catch
        {
            DeleteFolder(id);
            throw;
        }
        finally
        {
            _names.Release();
        }

        return new ContainerCreated(id, []);
    }

    private const string InitPath = "/sbin/docker-init";

    // --init: the init binary mounted read-only at docker's path, running the container's command as its child.
    private ContainerSpecOptions WithInit(ContainerCreate request, ContainerRecord record, ContainerSpecOptions spec)
    {
        if (!request.Init)
        {
            return spec;
        }

        if (!File.Exists(options.InitBinary))
        {
            throw new FailedPreconditionException($"--init needs {options.InitBinary}, which is missing: install Debian's tini package");
        }

        return spec with
        {
            Entrypoint = [InitPath, "--", .. record.Entrypoint],
            Command = record.Cmd,
            Binds = [.. spec.Binds, new BindMount(options.InitBinary, InitPath) { ReadOnly = true, Recursive = false }],
        };
    }

    // --runtime: runc and crun by name (the shim runs them), or a runtime binary by path.
    private PackedMessage? RuntimeOptions(string? runtime) => runtime switch
    {
        null or "" => null,
        _ when options.RuntimeName == ShimBinaries.RuncV2 => RuncBinaryDefault.Apply(null, ShimBinaries.RuncV2, runtime),
        _ => throw new InvalidArgumentException($"unknown or invalid runtime name: {runtime}"),
    };

    private static bool NamesAUserOrGroup(string? user, IReadOnlyList<string> groupAdd)
        => (user ?? string.Empty).Split(':').Append(string.Empty).Concat(groupAdd).Any(part => part.Length > 0 && !part.All(char.IsAsciiDigit));

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex ValidName();
}
