using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Images;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

public static partial class ContainerOperations
{
    private const string DefaultTable = "{{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}";

    /// <summary>`docker ps`: running containers (all with -a), newest first, as docker's table or --format.</summary>
    public static async Task ListAsync(IBerthClient client, ContainerListOptions options, CancellationToken cancellationToken)
    {
        var format = new ListFormat(options.Quiet ? "{{.ID}}" : options.Format, options.Size ? DefaultTable + "\\t{{.Size}}" : DefaultTable,
            ContainerRows.Headers);
        var filter = ContainerFilter.Parse(options.Filters);
        var containers = await client.Engine.ListAsync(cancellationToken);
        var ancestors = filter.Has("ancestor") ? await AncestorIdsAsync(client, filter.Values("ancestor"), cancellationToken) : new HashSet<string>();
        // A status filter or a limit shows stopped containers too, as dockerd's list does.
        bool all = options.All || filter.Has("status") || options.Last > 0;
        bool sized = options.Size || options.Format?.Contains(".Size", StringComparison.Ordinal) == true;
        var now = options.Time.GetUtcNow();
        var images = new Lazy<Task<ImageCatalog>>(() => ImageCatalog.LoadAsync(client, cancellationToken));
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var container in Window(containers, filter))
        {
            bool running = container.State.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting;
            if ((!all && !running) || !filter.Matches(container, ancestors))
            {
                continue;
            }

            if (options.Last > 0 && rows.Count == options.Last)
            {
                break;
            }

            // Unasked, docker's SIZE is its zero value too.
            string size = sized ? await ContainerSize.OfAsync(client, container, images, options.Snapshotter, cancellationToken) : "0B";
            rows.Add(ContainerRows.Of(container, options.NoTrunc, now, size));
        }

        await options.Stdout.WriteAsync(format.Render(rows).AsMemory(), cancellationToken);
    }

    // before=X keeps what was made before X; since=X what was made after it (the list is newest first).
    private static IEnumerable<ContainerDetails> Window(IReadOnlyList<ContainerDetails> containers, ContainerFilter filter)
    {
        IEnumerable<ContainerDetails> window = containers;
        foreach (string before in filter.Has("before") ? filter.Values("before") : [])
        {
            var mark = Find(containers, before);
            window = window.SkipWhile(c => c.Id != mark.Id).Skip(1);
        }

        foreach (string since in filter.Has("since") ? filter.Values("since") : [])
        {
            var mark = Find(containers, since);
            window = window.TakeWhile(c => c.Id != mark.Id);
        }

        return window;
    }

    private static ContainerDetails Find(IReadOnlyList<ContainerDetails> containers, string text)
        => containers.FirstOrDefault(c => c.Name == text.TrimStart('/') || c.Id == text)
            ?? containers.SingleOrDefault(c => c.Id.StartsWith(text, StringComparison.Ordinal))
            ?? throw new NotFoundException($"No such container: {text}");

    // ancestor=IMAGE: the containers made from that image (dockerd also counts images built on it, which berth cannot tell).
    private static async Task<HashSet<string>> AncestorIdsAsync(IBerthClient client, IEnumerable<string> images, CancellationToken cancellationToken)
    {
        var catalog = await ImageCatalog.LoadAsync(client, cancellationToken);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (string image in images)
        {
            try
            {
                ids.Add(catalog.Find(image).Image.Id.ToString());
            }
            catch (BerthException)
            {
                // An unknown image matches no container, as in docker.
            }
        }

        return ids;
    }
}
