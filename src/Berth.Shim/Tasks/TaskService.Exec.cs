using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Errors;
using Berth.Shim.Processes;
using Berth.Shim.Stdio;
using Containerd.Events;
using Containerd.Task.V2;

namespace Berth.Shim.Tasks;

internal sealed partial class TaskService
{
    /// <summary>Adds an exec process (created, not started) from the OCI process spec in the request.</summary>
    public Task ExecAsync(ExecProcessRequest request, CancellationToken cancellationToken)
    {
        var container = Get(request.Id);
        if (request.ExecId.Length == 0)
        {
            throw new InvalidArgumentException($"exec in {request.Id}: an exec id is required");
        }

        if (!container.TryReserve(request.ExecId))
        {
            throw new AlreadyExistsException($"exec {request.ExecId} exists already in container {request.Id}: choose another exec id");
        }

        try
        {
            container.Init.EnsureCanExec();
            var spec = ParseProcessSpec(request);
            var stdio = new StdioPaths(request.Stdin, request.Stdout, request.Stderr, request.Terminal);
            container.Add(new ExecProcess(request.ExecId, container.Init, stdio, spec));
        }
        catch
        {
            container.Unreserve(request.ExecId);
            throw;
        }

        Publish("/tasks/exec-added", new TaskExecAdded { ContainerId = container.Id, ExecId = request.ExecId });
        return Task.CompletedTask;
    }

    public async Task ResizePtyAsync(ResizePtyRequest request, CancellationToken cancellationToken)
    {
        var process = Get(request.Id).Process(request.ExecId);
        if (request.Width > ushort.MaxValue || request.Height > ushort.MaxValue)
        {
            throw new InvalidArgumentException($"resize {request.Id}: {request.Width}x{request.Height} is larger than a terminal can be");
        }

        await process.ResizeAsync((ushort)request.Width, (ushort)request.Height);
    }

    /// <summary>Closes the shim's hold on stdin (containerd does so whatever the request's stdin flag says).</summary>
    public Task CloseIOAsync(CloseIORequest request, CancellationToken cancellationToken)
    {
        Get(request.Id).Process(request.ExecId).CloseStdin();
        return Task.CompletedTask;
    }

    private static JsonObject ParseProcessSpec(ExecProcessRequest request)
    {
        if (request.Spec is null || request.Spec.Value.IsEmpty)
        {
            throw new InvalidArgumentException($"exec {request.ExecId} in {request.Id}: the process spec is missing");
        }

        try
        {
            return JsonNode.Parse(request.Spec.Value.Span) as JsonObject
                ?? throw new InvalidArgumentException($"exec {request.ExecId}: the process spec is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidArgumentException($"exec {request.ExecId}: the process spec is not valid JSON: {e.Message}");
        }
    }
}
