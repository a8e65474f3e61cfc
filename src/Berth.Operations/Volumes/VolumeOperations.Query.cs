using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Containers;
using Berth.Operations.Output;

namespace Berth.Operations.Volumes;

public static partial class VolumeOperations
{
    private const string DefaultTable = "{{.Driver}}\\t{{.Name}}";

    /// <summary>`docker volume ls`: the volumes the filters keep, in docker's natural order of names, as its table or --format.</summary>
    public static async Task ListAsync(IBerthClient client, VolumeListOptions options, CancellationToken cancellationToken)
    {
        // -q shows names in place of the table, not in place of a template the user asked for.
        bool table = string.IsNullOrWhiteSpace(options.Format) || options.Format.Trim() == "table";
        var format = new ListFormat(options.Quiet && table ? "{{.Name}}" : options.Format, DefaultTable, VolumeRows.Headers);
        var filter = VolumeFilter.Parse(options.Filters, "-f, --filter").Validate(VolumeFilter.ListKeys);
        var volumes = await client.Volumes.ListAsync(cancellationToken);
        var used = filter.Dangling is null ? null : await VolumeUsage.UsedAsync(client, cancellationToken);
        var rows = volumes.Where(v => filter.Matches(v, used)).OrderBy(v => v.Name, NaturalOrder.Instance).Select(VolumeRows.Of);
        await options.Stdout.WriteAsync(format.Render(rows).AsMemory(), cancellationToken);
    }

    /// <summary>
    /// `docker volume inspect`: the volumes found as one JSON array (or, with -f, the template run over each), then an
    /// error line per name not found; 1 if any was not found.
    /// </summary>
    public static async Task<int> InspectAsync(IBerthClient client, VolumeInspectOptions options, CancellationToken cancellationToken)
    {
        InspectTemplate? template = null;
        try
        {
            template = string.IsNullOrEmpty(options.Format) ? null : InspectTemplate.Parse(options.Format);
        }
        catch (ClientException ex)
        {
            throw new ClientException(ex.Message, 64); // docker's status for a template it cannot parse
        }

        var found = new List<Volume>();
        var errors = new List<string>();
        foreach (string name in options.Names)
        {
            try
            {
                found.Add(await client.Volumes.InspectAsync(name, cancellationToken));
            }
            catch (NotFoundException ex)
            {
                errors.Add($"Error response from daemon: {ex.Message}");
            }
        }

        var zone = options.Time.LocalTimeZone;
        string output = template is null ? VolumeInspectWriter.Write(found, zone)
            // docker's template inspector writes a lone newline when it has nothing to show.
            : found.Count == 0 ? "\n"
            : string.Concat(found.Select(v => template.Execute(VolumeInspectWriter.TemplateData(v, zone)) + "\n"));
        await options.Stdout.WriteAsync(output.AsMemory(), cancellationToken);
        foreach (string error in errors)
        {
            await options.Stderr.WriteLineAsync(error.AsMemory(), cancellationToken);
        }

        return errors.Count == 0 ? 0 : 1;
    }
}
