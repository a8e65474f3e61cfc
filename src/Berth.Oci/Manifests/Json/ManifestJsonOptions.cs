using System.Collections;
using System.Collections.ObjectModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Berth.Oci.Manifests.Json;

/// <summary>
/// The generated contracts, adjusted where the shared types (<see cref="Descriptor"/>, <see cref="Platform"/>) cannot
/// carry attributes: the spec's names (<c>os.version</c>), Go's field order, and Go's <c>omitempty</c> for optional
/// collections, so that berth writes a document byte for byte as containerd would.
/// </summary>
internal static class ManifestJsonOptions
{
    // Collections the specs require even when empty; every other empty collection is left out.
    private static readonly HashSet<string> RequiredCollections = ["layers", "manifests", "diff_ids"];

    private static readonly Dictionary<string, int> DescriptorOrder = new()
    {
        ["mediaType"] = 0, ["digest"] = 1, ["size"] = 2, ["urls"] = 3, ["annotations"] = 4, ["platform"] = 5,
    };

    private static readonly Dictionary<string, int> PlatformOrder = new()
    {
        ["architecture"] = 0, ["os"] = 1, ["os.version"] = 2, ["os.features"] = 3, ["variant"] = 4,
    };

    public static IReadOnlyDictionary<string, string> EmptyMap { get; } = ReadOnlyDictionary<string, string>.Empty;

    public static JsonSerializerOptions Options { get; } = Create();

    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(ManifestJsonContext.Default.Options)
        {
            TypeInfoResolver = ManifestJsonContext.Default.WithAddedModifier(Modify),
            // Go escapes only what JSON needs plus <, > and & (added by GoEscaping); .NET's default would also escape '+'.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }

    private static void Modify(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (info.Type == typeof(Platform))
            {
                property.Name = property.Name switch
                {
                    "osVersion" => "os.version",
                    "osFeatures" => "os.features",
                    var name => name,
                };
            }

            var order = info.Type == typeof(Descriptor) ? DescriptorOrder : info.Type == typeof(Platform) ? PlatformOrder : null;
            if (order is not null && order.TryGetValue(property.Name, out int position))
            {
                property.Order = position;
            }

            if (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType)
                && !RequiredCollections.Contains(property.Name))
            {
                property.ShouldSerialize = static (_, value) => value is IEnumerable items && HasAny(items);
            }
        }
    }

    private static bool HasAny(IEnumerable items)
    {
        var enumerator = items.GetEnumerator();
        try
        {
            return enumerator.MoveNext();
        }
        finally
        {
            (enumerator as IDisposable)?.Dispose();
        }
    }
}
