using Berth.Api.Conversions;
using Berth.Core.Errors;
using Berth.Core.Filters;
using Berth.Core.Metadata;
using Berth.Core.Tasks;
using Containerd.Task.V2;
using Microsoft.Extensions.Logging;

namespace Berth.Runtime.Tasks;

public sealed partial class TaskManager
{
    /// <inheritdoc />
    /// <remarks>As containerd's Tasks service: a task whose shim cannot give stats (cgroup gone, shim gone, no support)
    /// is left out of the answer rather than failing it; only failures other than NotFound are logged.</remarks>
    public async ValueTask<IReadOnlyList<TaskMetric>> MetricsAsync(INamespaceScope scope, IReadOnlyList<string> filters,
        CancellationToken cancellationToken = default)
    {
        var filter = Filter.Parse(filters);
        var metrics = new List<TaskMetric>();
        foreach (var task in _tasks.Values.Where(t => t.Namespace == scope.Namespace).OrderBy(t => t.Id, StringComparer.Ordinal).ToList())
        {
            if (!filter.Match(field => field switch
            {
                ["id"] => task.Id,
                ["namespace"] => task.Namespace,
                _ => null,
            }))
            {
                continue;
            }

            var collected = DateTimeOffset.UtcNow;
            StatsResponse stats;
            try
            {
                stats = await task.Shim.StatsAsync(new StatsRequest { Id = task.Id }, cancellationToken);
            }
            catch (NotFoundException)
            {
                continue;
            }
            catch (BerthException e)
            {
                StatsFailed(logger, task.Namespace, task.Id, e.Message);
                continue;
            }

            if (Packing.Unpack(stats.Stats) is { } data)
            {
                metrics.Add(new TaskMetric(task.Id, collected, data));
            }
        }

        return metrics;
    }

    [LoggerMessage(40, LogLevel.Warning, "Collecting the metrics of task {Id} ({Namespace}) failed: {Reason}")]
    private static partial void StatsFailed(ILogger logger, string @namespace, string id, string reason);
}
