using Berth.Core.Containers;
using Berth.Runtime.Shims;
using Google.Protobuf;

namespace Berth.Runtime.Tasks;

/// <summary>
/// The daemon's default OCI runtime binary (<c>runc_binary</c>, e.g. crun) for tasks of <c>io.containerd.runc.v2</c>: written
/// into the runc options the shim is created with (<c>BinaryName</c>, what <c>ctr run --runc-binary</c> sets), so it works
/// with berth-shim and containerd-shim-runc-v2 alike. A binary the client names itself wins.
/// </summary>
public static class RuncBinaryDefault
{
    private const string OptionsType = "containerd.runc.v1.Options";

    /// <summary>The options with <paramref name="binary"/> as the OCI runtime unless they name one (runc-v2 tasks only; none for an empty binary).</summary>
    public static PackedMessage? Apply(PackedMessage? options, string runtimeName, string binary)
    {
        if (binary.Length == 0 || runtimeName != ShimBinaries.RuncV2)
        {
            return options;
        }

        Containerd.Runc.V1.Options runc;
        if (options is null || options.TypeUrl.Length == 0)
        {
            runc = new Containerd.Runc.V1.Options();
        }
        else if (options.TypeUrl == OptionsType || options.TypeUrl.EndsWith("/" + OptionsType, StringComparison.Ordinal))
        {
            runc = Containerd.Runc.V1.Options.Parser.ParseFrom(options.Value.Span);
            if (runc.BinaryName.Length > 0)
            {
                return options;
            }
        }
        else
        {
            return options;
        }

        runc.BinaryName = binary;
        return new PackedMessage(options?.TypeUrl is { Length: > 0 } typeUrl ? typeUrl : OptionsType, runc.ToByteArray());
    }
}
