using Berth.Client;
using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Operations.Namespaces;

/// <summary>What the `berth namespace` verbs do.</summary>
public static class NamespaceOperations
{
    /// <summary>Lists namespaces with the number of images in each, as nerdctl does.</summary>
    public static async Task ListAsync(IBerthClient client, NamespaceListOptions options, CancellationToken cancellationToken)
    {
        var names = (await client.Namespaces.ListAsync(cancellationToken)).Order(StringComparer.Ordinal).ToList();
        if (options.Quiet)
        {
            foreach (string name in names)
            {
                await options.Stdout.WriteLineAsync(name.AsMemory(), cancellationToken);
            }

            return;
        }

        var table = new TableWriter("NAME", "IMAGES", "LABELS");
        foreach (string name in names)
        {
            int images = 0;
            IReadOnlyDictionary<string, string> labels;
            try
            {
                await foreach (var _ in client.WithNamespace(name).Images.ListAsync(cancellationToken: cancellationToken))
                {
                    images++;
                }

                labels = await client.Namespaces.GetLabelsAsync(name, cancellationToken);
            }
            catch (NotFoundException)
            {
                continue; // removed by someone else while we listed
            }

            table.AddRow(name, images.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));
        }

        await table.WriteAsync(options.Stdout, cancellationToken);
    }

    /// <summary>Creates a namespace.</summary>
    public static async Task CreateAsync(IBerthClient client, NamespaceCreateOptions options, CancellationToken cancellationToken)
        => await client.Namespaces.CreateAsync(options.Name, ParseLabels(options.Labels), cancellationToken);

    /// <summary>Removes namespaces, going on past failures; returns false if any failed.</summary>
    public static async Task<bool> RemoveAsync(IBerthClient client, NamespaceRemoveOptions options, CancellationToken cancellationToken)
    {
        bool ok = true;
        foreach (string name in options.Names)
        {
            try
            {
                await client.Namespaces.DeleteAsync(name, cancellationToken);
                await options.Stdout.WriteLineAsync(name.AsMemory(), cancellationToken);
            }
            catch (BerthException ex) when (ex is not UnavailableException)
            {
                await options.Stderr.WriteLineAsync($"Error response from daemon: {ex.Message}".AsMemory(), cancellationToken);
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>Parses key=value labels (a bare key means an empty value, as docker's --label).</summary>
    public static Dictionary<string, string> ParseLabels(IEnumerable<string> labels)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string label in labels)
        {
            int eq = label.IndexOf('=', StringComparison.Ordinal);
            if (eq == 0)
            {
                throw new InvalidArgumentException($"invalid label \"{label}\": the key must not be empty");
            }

            result[eq < 0 ? label : label[..eq]] = eq < 0 ? string.Empty : label[(eq + 1)..];
        }

        return result;
    }
}
