using Berth.Core.Engine;
using Berth.Core.Errors;
using CoreConfigChange = Berth.Core.Engine.ConfigChange;

namespace Berth.Api.Containers.V1;

/// <summary>One line of docker diff on the wire.</summary>
public sealed partial class PathChange
{
    /// <summary>The Core form.</summary>
    public FileChange ToCore() => new(Kind switch
    {
        Types.Kind.Added => FileChangeKind.Added,
        Types.Kind.Deleted => FileChangeKind.Deleted,
        _ => FileChangeKind.Changed,
    }, Path);

    /// <summary>The wire form.</summary>
    public static PathChange FromCore(FileChange change) => new()
    {
        Kind = change.Kind switch
        {
            FileChangeKind.Added => Types.Kind.Added,
            FileChangeKind.Deleted => Types.Kind.Deleted,
            _ => Types.Kind.Changed,
        },
        Path = change.Path,
    };
}

/// <summary>A parsed <c>--change</c> on the wire: the instruction by its Dockerfile name.</summary>
public sealed partial class ConfigChange
{
    /// <summary>The Core form; InvalidArgument, in dockerd's words, for an instruction commit does not take.</summary>
    public CoreConfigChange ToCore()
        => Enum.TryParse<ConfigInstruction>(Instruction, ignoreCase: true, out var instruction) && Enum.IsDefined(instruction)
            && !int.TryParse(Instruction, out _)
            ? new CoreConfigChange(instruction, [.. Values])
            : throw new InvalidArgumentException($"{Instruction.ToLowerInvariant()} is not a valid change command");

    /// <summary>The wire form.</summary>
    public static ConfigChange FromCore(CoreConfigChange change)
    {
        var wire = new ConfigChange { Instruction = change.Instruction.ToString().ToUpperInvariant() };
        wire.Values.Add(change.Values);
        return wire;
    }
}

/// <summary>docker commit's request on the wire.</summary>
public sealed partial class CommitRequest
{
    /// <summary>The Core form.</summary>
    public ContainerCommit ToCore() => new(Container)
    {
        Reference = Conversions.EngineWire.NullIfEmpty(Reference),
        Message = Conversions.EngineWire.NullIfEmpty(Message),
        Author = Conversions.EngineWire.NullIfEmpty(Author),
        Changes = [.. Changes.Select(c => c.ToCore())],
        Pause = Pause,
    };

    /// <summary>The wire form.</summary>
    public static CommitRequest FromCore(ContainerCommit request)
    {
        var wire = new CommitRequest
        {
            Container = request.Container,
            Reference = request.Reference ?? string.Empty,
            Message = request.Message ?? string.Empty,
            Author = request.Author ?? string.Empty,
            Pause = request.Pause,
        };
        wire.Changes.Add(request.Changes.Select(ConfigChange.FromCore));
        return wire;
    }
}
