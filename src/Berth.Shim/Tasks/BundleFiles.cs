using System.Text.Json;
using Berth.Core.Errors;
using Containerd.Runc.V1;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Shim.Tasks;

/// <summary>
/// The runtime options of a create request, and the files the shim leaves in the bundle so that a later
/// <c>berth-shim delete</c> finds the same runtime: <c>options.json</c> (the options, in containerd's JSON field
/// names) and <c>runtime</c> (the binary name, empty for the default).
/// </summary>
internal static class BundleFiles
{
    private const string OptionsTypeName = "containerd.runc.v1.Options";

    /// <summary>The runc options packed in <paramref name="options"/>; defaults when absent.</summary>
    public static Options ParseOptions(Any? options)
    {
        if (options is null || options.TypeUrl.Length == 0)
        {
            return new Options();
        }

        return options.TypeUrl == OptionsTypeName || options.TypeUrl.EndsWith("/" + OptionsTypeName, StringComparison.Ordinal)
            ? Options.Parser.ParseFrom(options.Value)
            : throw new InvalidArgumentException($"create options of type {options.TypeUrl} are not supported: send {OptionsTypeName}");
    }

    public static void Write(string bundle, Options options)
    {
        using (var file = File.Create(Path.Combine(bundle, "options.json")))
        using (var writer = new Utf8JsonWriter(file))
        {
            writer.WriteStartObject();
            WriteIf(writer, "no_pivot_root", options.NoPivotRoot);
            WriteIf(writer, "no_new_keyring", options.NoNewKeyring);
            WriteIf(writer, "shim_cgroup", options.ShimCgroup);
            WriteIf(writer, "io_uid", options.IoUid);
            WriteIf(writer, "io_gid", options.IoGid);
            WriteIf(writer, "binary_name", options.BinaryName);
            WriteIf(writer, "root", options.Root);
            WriteIf(writer, "systemd_cgroup", options.SystemdCgroup);
            writer.WriteEndObject();
        }

        File.WriteAllText(Path.Combine(bundle, "runtime"), options.BinaryName);
    }

    /// <summary>The options a previous create left in the bundle; defaults when there are none.</summary>
    public static Options Read(string bundle)
    {
        string path = Path.Combine(bundle, "options.json");
        var options = new Options();
        if (!File.Exists(path))
        {
            return options;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var property in document.RootElement.EnumerateObject())
        {
            switch (property.Name)
            {
                case "binary_name": options.BinaryName = property.Value.GetString() ?? ""; break;
                case "root": options.Root = property.Value.GetString() ?? ""; break;
                case "systemd_cgroup": options.SystemdCgroup = property.Value.GetBoolean(); break;
                case "no_pivot_root": options.NoPivotRoot = property.Value.GetBoolean(); break;
                case "no_new_keyring": options.NoNewKeyring = property.Value.GetBoolean(); break;
                default: break;
            }
        }

        return options;
    }

    private static void WriteIf(Utf8JsonWriter writer, string name, string value)
    {
        if (value.Length > 0)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteIf(Utf8JsonWriter writer, string name, bool value)
    {
        if (value)
        {
            writer.WriteBoolean(name, value);
        }
    }

    private static void WriteIf(Utf8JsonWriter writer, string name, uint value)
    {
        if (value != 0)
        {
            writer.WriteNumber(name, value);
        }
    }
}
