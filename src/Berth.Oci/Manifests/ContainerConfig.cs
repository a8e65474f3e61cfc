using System.Text.Json.Serialization;
using Berth.Oci.Manifests.Json;

namespace Berth.Oci.Manifests;

/// <summary>
/// The defaults an image gives its containers (the <c>config</c> object of an image config). Field names are Docker's
/// PascalCase ones, as the OCI spec keeps them. Null means unset; for <see cref="Cmd"/> and <see cref="Entrypoint"/> that
/// differs from empty.
/// </summary>
public sealed record ContainerConfig
{
    /// <summary>The user (<c>name</c>, <c>uid</c>, <c>uid:gid</c>…) the process runs as.</summary>
    [JsonPropertyName("User"), JsonPropertyOrder(0)]
    public string? User { get; init; }

    /// <summary>Ports the image documents, such as <c>80/tcp</c>.</summary>
    [JsonPropertyName("ExposedPorts"), JsonPropertyOrder(1), JsonConverter(typeof(StringSetConverter))]
    public IReadOnlyList<string>? ExposedPorts { get; init; }

    /// <summary>The environment, <c>NAME=value</c> each.</summary>
    [JsonPropertyName("Env"), JsonPropertyOrder(2)]
    public IReadOnlyList<string>? Env { get; init; }

    /// <summary>The program and its first arguments.</summary>
    [JsonPropertyName("Entrypoint"), JsonPropertyOrder(3)]
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>The default arguments (or program, without an entrypoint).</summary>
    [JsonPropertyName("Cmd"), JsonPropertyOrder(4)]
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>Folders a container should get a volume for.</summary>
    [JsonPropertyName("Volumes"), JsonPropertyOrder(5), JsonConverter(typeof(StringSetConverter))]
    public IReadOnlyList<string>? Volumes { get; init; }

    /// <summary>The working folder.</summary>
    [JsonPropertyName("WorkingDir"), JsonPropertyOrder(6)]
    public string? WorkingDir { get; init; }

    /// <summary>Labels of the image.</summary>
    [JsonPropertyName("Labels"), JsonPropertyOrder(7)]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The signal that stops the container, such as <c>SIGTERM</c>.</summary>
    [JsonPropertyName("StopSignal"), JsonPropertyOrder(8)]
    public string? StopSignal { get; init; }
}
