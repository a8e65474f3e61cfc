using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.Core.Engine;
using Berth.Core.Errors;

namespace Berth.Engine.Volumes;

/// <summary>
/// The local volumes on disk: <c>&lt;root&gt;/volumes/&lt;namespace&gt;/&lt;name&gt;/_data</c> is what containers mount, and
/// <c>volume.json</c> beside it keeps the volume's labels, options and creation time (written to a temporary name,
/// flushed, renamed, so a crash leaves the old file or the new, never half of one).
/// </summary>
internal sealed partial class VolumeFolders(string root)
{
    private const string DataFolder = "_data";
    private const string MetadataFile = "volume.json";

    public string DataOf(string @namespace, string name) => Path.Join(root, @namespace, name, DataFolder);

    /// <summary>The volume, or null when there is none of that name.</summary>
    public Volume? Find(string @namespace, string name)
    {
        string file = Path.Join(root, @namespace, name, MetadataFile);
        if (!File.Exists(file))
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize(File.ReadAllBytes(file), EngineJsonContext.Default.Volume)
            ?? throw new InternalException($"volume {name}: {file} is JSON null; remove the volume's folder {Path.GetDirectoryName(file)}");
        return stored with { Name = name, Mountpoint = DataOf(@namespace, name) };
    }

    public IReadOnlyList<Volume> List(string @namespace)
    {
        string folder = Path.Join(root, @namespace);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(n => Find(@namespace, n!)).OfType<Volume>()]
            : [];
    }

    /// <summary>Makes a volume (a generated name when none is given), or returns the one of that name.</summary>
    public Volume Create(string @namespace, VolumeCreate request, bool anonymous)
    {
        if (request.Driver != "local")
        {
            throw new InvalidArgumentException($"error looking up volume plugin {request.Driver}: plugin \"{request.Driver}\" not found");
        }

        string name = request.Name ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        if (!ValidName().IsMatch(name))
        {
            throw new InvalidArgumentException(
                $"create {name}: \"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
        }

        if (Find(@namespace, name) is { } existing)
        {
            return existing;
        }

        string folder = Path.Join(root, @namespace, name);
        Directory.CreateDirectory(Path.Join(folder, DataFolder));
        var volume = new Volume(name)
        {
            CreatedAt = DateTimeOffset.UtcNow, Labels = request.Labels, Options = request.Options, Anonymous = anonymous,
            Mountpoint = DataOf(@namespace, name),
        };
        string temporary = Path.Join(folder, MetadataFile + ".new");
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(file, volume, EngineJsonContext.Default.Volume);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path.Join(folder, MetadataFile), overwrite: true);
        return volume;
    }

    /// <summary>Deletes a volume's folder: renamed first, so a crash midway leaves no half volume under its name.</summary>
    public void Remove(string @namespace, string name)
    {
        string folder = Path.Join(root, @namespace, name);
        string doomed = Path.Join(root, @namespace, $".removing-{name}");
        Directory.Move(folder, doomed);
        Directory.Delete(doomed, recursive: true);
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex ValidName();
}
