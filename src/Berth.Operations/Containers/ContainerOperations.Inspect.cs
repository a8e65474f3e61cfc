using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Berth.Client;
using Berth.Core.Errors;
using Berth.Operations.Images;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

public static partial class ContainerOperations
{
    /// <summary>
    /// `docker inspect` / `docker container inspect`: every object found as one JSON array indented as docker's (or,
    /// with -f, the template run over each), then an error line per name not found; 1 if any was not found.
    /// </summary>
    public static async Task<int> InspectAsync(IBerthClient client, ContainerInspectOptions options, CancellationToken cancellationToken)
    {
        if (options.Type is not (null or "container" or "image"))
        {
            throw new ClientException($"\"{options.Type}\" is not a valid value for --type", 125);
        }

        // A bad template is refused before anything is asked.
        var template = string.IsNullOrEmpty(options.Format) ? null : InspectTemplate.Parse(options.Format);
        var found = new List<JsonElement>();
        var errors = new List<string>();
        ImageCatalog? catalog = null;
        foreach (string name in options.Names)
        {
            if (options.Type != "image")
            {
                try
                {
                    var details = await client.Engine.InspectAsync(name, cancellationToken);
                    found.Add(Element(json => ContainerInspectWriter.Write(json, details)));
                    continue;
                }
                catch (NotFoundException ex) when (options.Type == "container")
                {
                    errors.Add($"Error response from daemon: {ex.Message}");
                    continue;
                }
                catch (NotFoundException)
                {
                    // Not a container: maybe an image.
                }
            }

            catalog ??= await ImageCatalog.LoadAsync(client, cancellationToken);
            try
            {
                var image = catalog.Find(name).Image;
                long size = image is { Manifest: { } manifest, Config: { } config }
                    ? await ImageSize.OfAsync(client, manifest, config, ImageDefaults.Snapshotter, cancellationToken)
                    : 0;
                using var document = JsonDocument.Parse(ImageInspectWriter.Write([(image, size)]));
                found.Add(document.RootElement[0].Clone());
            }
            catch (BerthException ex) when (ex is NotFoundException or InvalidArgumentException)
            {
                errors.Add(options.Type == "image" ? $"Error response from daemon: {ex.Message}" : $"Error: No such object: {name}");
            }
        }

        string output = template is null ? Array(found) : string.Concat(found.Select(e => template.Execute(InspectValue.From(e)) + "\n"));
        await options.Stdout.WriteAsync(output.AsMemory(), cancellationToken);
        foreach (string error in errors)
        {
            await options.Stderr.WriteLineAsync(error.AsMemory(), cancellationToken);
        }

        return errors.Count == 0 ? 0 : 1;
    }

    private static readonly JsonWriterOptions Indented = new() { Indented = true, IndentSize = 4, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonElement Element(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            write(json);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    // docker's output: the objects in one array, four spaces an indent; "[]" when nothing was found.
    private static string Array(List<JsonElement> objects)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            json.WriteStartArray();
            objects.ForEach(o => o.WriteTo(json));
            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
