using Berth.Core.Errors;
using Berth.Core.Identifiers;
using Berth.Core.Metadata;
using Grpc.Core;

namespace Berth.Services.Grpc;

/// <summary>
/// Resolves the tenant and lease of a call from containerd's headers, once per call; everything below receives
/// the bound scope rather than reading ambient state.
/// </summary>
internal static class CallScope
{
    public const string NamespaceHeader = "containerd-namespace";
    public const string LeaseHeader = "containerd-lease";

    public static string Namespace(ServerCallContext context)
    {
        string? ns = context.RequestHeaders.GetValue(NamespaceHeader);
        if (string.IsNullOrEmpty(ns))
        {
            throw new InvalidArgumentException(
                "namespace is required: set the containerd-namespace header (ctr --namespace, berth --namespace)");
        }

        return Identifier.Validate(ns, "namespace");
    }

    public static string? Lease(ServerCallContext context)
    {
        string? lease = context.RequestHeaders.GetValue(LeaseHeader);
        return string.IsNullOrEmpty(lease) ? null : lease;
    }

    public static INamespaceScope Resolve(this IMetadataStore metadata, ServerCallContext context)
        => metadata.ForNamespace(Namespace(context), Lease(context));
}
