using Berth.Oci;

namespace Berth.Remotes.Registry;

/// <summary>
/// What a request is for, to word its failure: the action (<c>pull</c>, <c>push</c>, <c>login</c>), the registry, the
/// repository's full name, and what a 404 means (<c>manifest for host/app:v1</c>, <c>blob sha256:… of host/app</c>).
/// </summary>
internal sealed record RegistryOperation(string Action, string Registry, string Name, string Subject)
{
    public static RegistryOperation Pull(ImageReference reference, string subject)
        => new("pull", reference.Registry, reference.Name, subject);

    public static RegistryOperation Push(ImageReference reference, string subject)
        => new("push", reference.Registry, reference.Name, subject);

    public static RegistryOperation Login(string registry)
        => new("login", registry, registry, $"the registry API at {registry}");
}
