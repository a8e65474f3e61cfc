using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Operations.Images;

/// <summary>
/// docker's <c>images --filter</c>: <c>reference=PATTERN</c> (a glob over busybox:latest or busybox; only matching
/// names are listed; several patterns: any), <c>label=KEY</c> or <c>label=KEY=VALUE</c> (the config's labels; several:
/// all), <c>dangling=true|false</c> (images without a tag), <c>before=IMAGE</c> and <c>since=IMAGE</c> (made before
/// or after that image). Different keys must all match.
/// </summary>
internal sealed class ImageFilter
{
    private readonly List<string> _references = [];
    private readonly List<string> _labels = [];
    private bool? _dangling;
    private DateTimeOffset? _before;
    private DateTimeOffset? _since;

    public static ImageFilter Parse(IReadOnlyList<string> filters, ImageCatalog catalog)
    {
        var filter = new ImageFilter();
        foreach (string text in filters)
        {
            int eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ClientException($"invalid argument \"{text}\" for \"-f, --filter\" flag: bad format of filter (expected name=value)", 125);
            }

            string value = text[(eq + 1)..];
            switch (text[..eq].ToLowerInvariant())
            {
                case "reference": filter._references.Add(value); break;
                case "label": filter._labels.Add(value); break;
                case "dangling":
                    filter._dangling = value.ToLowerInvariant() switch
                    {
                        "true" or "1" => true,
                        "false" or "0" => false,
                        _ => throw new InvalidArgumentException($"invalid filter 'dangling={value}': use dangling=true or dangling=false"),
                    };
                    break;
                case "before": filter._before = catalog.Find(value).Image.Created ?? DateTimeOffset.MinValue; break;
                case "since": filter._since = catalog.Find(value).Image.Created ?? DateTimeOffset.MinValue; break;
                default: throw new InvalidArgumentException($"invalid filter '{text[..eq]}': use reference, label, dangling, before or since");
            }
        }

        return filter;
    }

    /// <summary>The image as it should be listed (with only the names that match), or null to leave it out.</summary>
    public LocalImage? Apply(LocalImage image)
    {
        var created = image.Created ?? DateTimeOffset.MinValue;
        if ((_before is { } before && created >= before) || (_since is { } since && created <= since))
        {
            return null;
        }

        if (_labels.Count > 0 && !_labels.All(l => HasLabel(image.Config?.Labels, l)))
        {
            return null;
        }

        if (_references.Count > 0)
        {
            var records = image.Records.Where(r => _references.Any(p => MatchesReference(p, ImageName.Of(r.Name)))).ToList();
            if (records.Count == 0)
            {
                return null;
            }

            image = image with { Records = records };
        }

        bool untagged = image.RepoTags.Count == 0;
        return _dangling switch
        {
            true when !untagged => null,
            false when untagged && image.RepoDigests.Count == 0 => null,
            _ => image,
        };
    }

    private static bool HasLabel(IReadOnlyDictionary<string, string>? labels, string filter)
    {
        int eq = filter.IndexOf('=', StringComparison.Ordinal);
        return labels is not null && (eq < 0
            ? labels.ContainsKey(filter)
            : labels.TryGetValue(filter[..eq], out var value) && value == filter[(eq + 1)..]);
    }

    private static bool MatchesReference(string pattern, ImageName name)
        => GlobPattern.Match(pattern, name.Familiar) || GlobPattern.Match(pattern, name.FamiliarRepository);
}
