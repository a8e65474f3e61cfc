using Berth.Core.Errors;
using Berth.Core.Filters;
using Berth.Core.Images;
using Berth.Core.Labels;
using Berth.Oci;
using Berth.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Metadata;

/// <summary>One namespace's image records (containerd's metadata/images.go). Every image is a collection root.</summary>
internal sealed partial class ImageStore(MetadataStore store, string @namespace) : IImageStore
{
    private const string Columns = "name, media_type, digest, size, annotations, labels, created, updated";

    public ValueTask<Image> GetAsync(string name, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(store.Database.Read(c => Find(c, null, name)) ?? throw NotFound(name));

    public IAsyncEnumerable<Image> ListAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default)
    {
        var filter = Filter.Parse(filters);
        var images = store.Database.Read(c =>
        {
            using var command = SqliteDatabase.Command(c, null,
                $"SELECT {Columns} FROM images WHERE namespace = $ns ORDER BY name;", ("$ns", @namespace));
            using var reader = command.ExecuteReader();
            var all = new List<Image>();
            while (reader.Read())
            {
                all.Add(ReadImage(reader));
            }

            return all;
        });
        return images.Where(image => filter.Match(path => Lookup(image, path))).ToAsyncEnumerable();
    }

    public ValueTask<Image> CreateAsync(Image image, CancellationToken cancellationToken = default)
    {
        Validate(image);
        var now = store.Now();
        var created = image with { CreatedAt = now, UpdatedAt = now };
        store.Database.Write((c, t) =>
        {
            store.EnsureNamespace(c, t, @namespace);
            if (Find(c, t, image.Name) is not null)
            {
                throw new AlreadyExistsException($"image {image.Name} already exists in namespace {@namespace}: update it or delete it first");
            }

            Upsert(c, t, created);
        });
        return ValueTask.FromResult(created);
    }

    public async ValueTask DeleteAsync(string name, bool synchronous = false, CancellationToken cancellationToken = default)
    {
        store.Database.Write((c, t) =>
        {
            if (SqliteDatabase.Execute(c, t, "DELETE FROM images WHERE namespace = $ns AND name = $name;",
                    ("$ns", @namespace), ("$name", name)) == 0)
            {
                throw NotFound(name);
            }
        });
        if (synchronous)
        {
            await store.GarbageCollector.CollectAsync(cancellationToken);
        }
        else
        {
            store.ScheduleCollection();
        }
    }

    private Image? Find(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var command = SqliteDatabase.Command(connection, transaction,
            $"SELECT {Columns} FROM images WHERE namespace = $ns AND name = $name;", ("$ns", @namespace), ("$name", name));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadImage(reader) : null;
    }

    private void Upsert(SqliteConnection connection, SqliteTransaction transaction, Image image)
        => SqliteDatabase.Execute(connection, transaction,
            """
            INSERT INTO images (namespace, name, media_type, digest, size, annotations, labels, created, updated)
            VALUES ($ns, $name, $mediaType, $digest, $size, $annotations, $labels, $created, $updated)
            ON CONFLICT(namespace, name) DO UPDATE SET media_type = $mediaType, digest = $digest, size = $size,
                annotations = $annotations, labels = $labels, updated = $updated;
            """,
            ("$ns", @namespace), ("$name", image.Name), ("$mediaType", image.Target.MediaType),
            ("$digest", image.Target.Digest.ToString()), ("$size", image.Target.Size),
            ("$annotations", LabelsColumn.ToStored(image.Target.Annotations)), ("$labels", LabelsColumn.ToStored(image.Labels)),
            ("$created", Timestamps.ToStored(image.CreatedAt)), ("$updated", Timestamps.ToStored(image.UpdatedAt)));

    private static Image ReadImage(SqliteDataReader reader)
    {
        var target = new Descriptor(reader.GetString(1), Digest.Parse(reader.GetString(2)), reader.GetInt64(3))
        {
            Annotations = LabelsColumn.FromStored(reader.GetString(4)),
        };
        return new Image(reader.GetString(0), target)
        {
            Labels = LabelsColumn.FromStored(reader.GetString(5)),
            CreatedAt = Timestamps.FromStored(reader.GetInt64(6)),
            UpdatedAt = Timestamps.FromStored(reader.GetInt64(7)),
        };
    }

    private static string? Lookup(Image image, IReadOnlyList<string> path) => path switch
    {
        ["name"] => image.Name,
        ["target", "digest"] => image.Target.Digest.ToString(),
        ["target", "mediatype"] => image.Target.MediaType,
        ["labels", ..] => FieldLookups.FromMap(path, 1, image.Labels),
        ["annotations", ..] => FieldLookups.FromMap(path, 1, image.Target.Annotations),
        _ => null,
    };

    private static void Validate(Image image)
    {
        if (string.IsNullOrEmpty(image.Name))
        {
            throw new InvalidArgumentException("an image name must not be empty");
        }

        LabelSet.Validate(image.Labels);
        if (image.Target is null || image.Target.Digest.IsEmpty)
        {
            throw new InvalidArgumentException($"image {image.Name}: the target needs a digest");
        }

        if (image.Target.Size <= 0)
        {
            throw new InvalidArgumentException($"image {image.Name}: the target's size must be greater than zero");
        }

        if (string.IsNullOrEmpty(image.Target.MediaType))
        {
            throw new InvalidArgumentException($"image {image.Name}: the target needs a media type");
        }
    }

    private NotFoundException NotFound(string name) => new($"image {name} not found in namespace {@namespace}");
}
