using System.Runtime.CompilerServices;
using Berth.Core.Containers;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Tasks;

namespace Berth.Engine;

public sealed partial class ContainerEngine
{
    /// <inheritdoc />
    public async IAsyncEnumerable<ContainerDetails> ListAsync(INamespaceScope scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var all = new List<ContainerDetails>();
        await foreach (var (container, record) in ListRecordsAsync(scope, cancellationToken))
        {
            all.Add(await DetailsAsync(scope, container, record, cancellationToken));
        }

        foreach (var details in all.OrderByDescending(d => d.Created))
        {
            yield return details;
        }
    }

    /// <inheritdoc />
    public async ValueTask<ContainerDetails> InspectAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default)
    {
        var (found, record) = await FindAsync(scope, container, cancellationToken);
        return await DetailsAsync(scope, found, record, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<ContainerExit> WaitAsync(INamespaceScope scope, string container, WaitCondition condition, CancellationToken cancellationToken = default)
    {
        Container found;
        ContainerRecord record;
        try
        {
            (found, record) = await FindAsync(scope, container, cancellationToken);
        }
        catch (NotFoundException) when (condition == WaitCondition.Removed && _removed.TryGet(scope.Namespace, container, out var gone))
        {
            return gone;
        }

        var live = Live(scope.Namespace, found.Id);
        if (condition == WaitCondition.Removed && _removed.TryGet(scope.Namespace, found.Id, out var removed))
        {
            // Removed between the lookup and now (the entry above may be a new one that no removal will end).
            _live.TryRemove(new KeyValuePair<(string, string), LiveContainer>((scope.Namespace, found.Id), live));
            return removed;
        }

        // The waiter of this run is taken before looking at whether it runs: an exit recorded in between completes it.
        var next = live.NextExit;
        if (condition == WaitCondition.NotRunning && !live.Running)
        {
            record = await SettledAsync(scope, found.Id, record, live, cancellationToken);
        }

        var waiter = condition switch
        {
            WaitCondition.Removed => live.Removed.Task,
            WaitCondition.NotRunning when !live.Running && record.Status != ContainerStatus.Restarting
                => Task.FromResult(new ContainerExit(record.ExitCode, record.Error.Length > 0 ? record.Error : null)),
            _ => next,
        };
        return await waiter.WaitAsync(cancellationToken);
    }

    private async ValueTask<ContainerDetails> DetailsAsync(INamespaceScope scope, Container container, ContainerRecord record, CancellationToken cancellationToken)
    {
        var live = _live.TryGetValue((scope.Namespace, container.Id), out var l) ? l : null;
        int pid = 0;
        var process = live is { Running: true } ? await TaskStateAsync(scope, container.Id, cancellationToken) : null;
        if (live is { Running: false })
        {
            record = await SettledAsync(scope, container.Id, record, live, cancellationToken);
        }

        var status = record.Status;
        if (process is { Status: not ProcessStatus.Stopped })
        {
            pid = (int)process.Pid;
            status = process.Status == ProcessStatus.Paused ? ContainerStatus.Paused : ContainerStatus.Running;
        }
        else if (live is { Running: true })
        {
            // Its task has ended and the exit is being recorded right now: it runs until the record says how it ended.
            status = record.Status == ContainerStatus.Paused ? ContainerStatus.Running : record.Status;
        }
        else if (status == ContainerStatus.Running)
        {
            // Recorded as running, but no task is watched: it ended while berthd was away and recovery has not seen it yet.
            status = ContainerStatus.Exited;
        }

        var request = record.Request;
        return new ContainerDetails(container.Id, record.Name, request)
        {
            Created = container.CreatedAt,
            ImageName = container.Image,
            ImageId = record.ImageId,
            Args = [.. record.Entrypoint, .. record.Cmd],
            Entrypoint = record.Entrypoint,
            Cmd = record.Cmd,
            Env = record.Env,
            User = record.User,
            WorkingDir = record.WorkingDir,
            Hostname = record.Hostname,
            Labels = record.Labels,
            StopSignal = record.StopSignal,
            State = new ContainerState(status)
            {
                Pid = pid, ExitCode = record.ExitCode, Error = record.Error, OomKilled = record.OomKilled,
                StartedAt = record.StartedAt, FinishedAt = record.FinishedAt,
            },
            RestartCount = record.RestartCount,
            LogPath = LogPath(container.Id),
            HostnamePath = EtcFile(container.Id, EtcFiles.Hostname),
            HostsPath = EtcFile(container.Id, EtcFiles.Hosts),
            ResolvConfPath = EtcFile(container.Id, EtcFiles.ResolvConf),
            CgroupsPath = request.Spec.CgroupsPath ?? $"/{scope.Namespace}/{container.Id}",
            Snapshotter = container.Snapshotter,
            Mounts = [.. Mounts(request), .. record.Volumes.Select(v => new ContainerMount(
                "volume", VolumeFiles.DataOf(scope.Namespace, v.Name!), v.Destination, !v.ReadOnly, string.Empty) { Name = v.Name! })],
        };
    }

    // Containers made before berthd wrote /etc files have none.
    private string EtcFile(string id, string name) => Path.Join(ContainerFolder(id), name) is var path && File.Exists(path) ? path : string.Empty;

    // The task of a container thought running; null when its exit is being recorded (the task just went).
    private async ValueTask<ProcessState?> TaskStateAsync(INamespaceScope scope, string id, CancellationToken cancellationToken)
    {
        try
        {
            return await tasks.GetAsync(scope, id, string.Empty, cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private static List<ContainerMount> Mounts(ContainerCreate request)
    {
        var mounts = request.Spec.Binds.Select(b => new ContainerMount("bind", b.Source, b.Destination, !b.ReadOnly, b.Propagation)).ToList();
        mounts.AddRange(request.Spec.Tmpfs.Select(t => new ContainerMount("tmpfs", string.Empty, t.Destination, !t.Options.Contains("ro"), string.Empty)));
        return mounts;
    }

    /// <summary>
    /// The record as it is once a run's exit is on it: one read before the run stopped counting as running can still
    /// say running with the run's start values (exit code 0), so that case reads it again. An --rm container's exit is
    /// never written (its record goes in a moment): until it goes, the exit the engine watched stands in.
    /// </summary>
    private static async ValueTask<ContainerRecord> SettledAsync(INamespaceScope scope, string id, ContainerRecord record, LiveContainer live,
        CancellationToken cancellationToken)
    {
        if (record.Status != ContainerStatus.Running || live.Running)
        {
            return record;
        }

        try
        {
            record = (await FindAsync(scope, id, cancellationToken)).Record;
        }
        catch (NotFoundException)
        {
        }

        return record.Status == ContainerStatus.Running && !live.Running && live.LastExit is { } exit
            ? record with { Status = ContainerStatus.Exited, ExitCode = exit.ExitCode, Error = exit.Error ?? string.Empty }
            : record;
    }
}
