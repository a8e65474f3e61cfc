using Berth.Api.Conversions;
using Berth.Core.Engine;
using Google.Protobuf;
using CoreOutputChunk = Berth.Core.Engine.OutputChunk;

namespace Berth.Api.Containers.V1;

public sealed partial class ExecStart
{
    /// <summary>The request; an unset user or working folder is null (the container's), unlike a set empty one.</summary>
    public ExecRequest ToCore() => new([.. Command])
    {
        Env = [.. Env],
        User = HasUser ? User : null,
        WorkingDir = HasWorkingDir ? WorkingDir : null,
        Tty = Tty,
        Stdin = Stdin,
        Privileged = Privileged,
    };

    public static ExecStart FromCore(string container, ExecRequest request)
    {
        var wire = new ExecStart { Container = container, Tty = request.Tty, Stdin = request.Stdin, Privileged = request.Privileged };
        wire.Command.Add(request.Command);
        wire.Env.Add(request.Env);
        // proto3 optional fields have no "set to null": each is assigned only when Core has a value.
        if (request.User is { } user)
        {
            wire.User = user;
        }

        if (request.WorkingDir is { } workingDir)
        {
            wire.WorkingDir = workingDir;
        }

        return wire;
    }
}

public sealed partial class ExecOutput
{
    /// <summary>The output this message carries (an empty chunk on the first and last messages).</summary>
    public CoreOutputChunk ToCore() => new(Stream.ToCore(), Data.Memory);

    public static ExecOutput FromCore(CoreOutputChunk chunk)
        => new() { Stream = chunk.Stream.ToWire(), Data = ByteString.CopyFrom(chunk.Data.Span) };

    /// <summary>The first message of an exec: the process runs, under this id.</summary>
    public static ExecOutput Started(string execId) => new() { ExecId = execId };

    /// <summary>The last message of an exec: the process has ended, and its output with it.</summary>
    public static ExecOutput Exited(int exitCode) => new() { ExitCode = exitCode };
}
