using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Core.Containers;
using Berth.Core.Engine;

namespace Berth.Engine;

/// <summary>
/// What the engine keeps of a container beyond containerd's record, as JSON in the record's
/// <see cref="ExtensionName"/> extension: the request as made, the image's defaults applied, and the state that must
/// survive berthd (the last exit, the restart count, whether the user stopped it).
/// </summary>
internal sealed record ContainerRecord
{
    /// <summary>The extension holding it.</summary>
    public const string ExtensionName = "berth.engine";

    /// <summary>The type URL it is packed with.</summary>
    public const string TypeUrl = "berth.dev/engine/v1/Container";

    /// <summary>The label carrying the name, so <c>ctr containers ls</c> shows it and a filter finds it.</summary>
    public const string NameLabel = "berth/name";

    public required string Name { get; init; }

    public required ContainerCreate Request { get; init; }

    public string ImageId { get; init; } = string.Empty;

    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    public IReadOnlyList<string> Cmd { get; init; } = [];

    public IReadOnlyList<string> Env { get; init; } = [];

    public string User { get; init; } = string.Empty;

    public string WorkingDir { get; init; } = string.Empty;

    public string Hostname { get; init; } = string.Empty;

    public string StopSignal { get; init; } = "SIGTERM";

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The volumes the container mounts, each with its name (anonymous ones' made at create).</summary>
    public IReadOnlyList<VolumeMount> Volumes { get; init; } = [];

    public ContainerStatus Status { get; init; } = ContainerStatus.Created;

    public int ExitCode { get; init; }

    public string Error { get; init; } = string.Empty;

    public bool OomKilled { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public int RestartCount { get; init; }

    /// <summary>Stopped by the user: <c>unless-stopped</c> and <c>always</c> leave it stopped across berthd restarts.</summary>
    public bool ManuallyStopped { get; init; }

    public PackedMessage Pack() => new(TypeUrl, JsonSerializer.SerializeToUtf8Bytes(this, EngineJsonContext.Default.ContainerRecord));

    /// <summary>The engine's record of a containerd container; null for containers the engine did not make.</summary>
    public static ContainerRecord? Of(Container container)
        => container.Extensions.TryGetValue(ExtensionName, out var packed) && packed.TypeUrl == TypeUrl
            ? JsonSerializer.Deserialize(packed.Value.Span, EngineJsonContext.Default.ContainerRecord)
            : null;
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerRecord))]
[JsonSerializable(typeof(Volume))]
internal sealed partial class EngineJsonContext : JsonSerializerContext;
