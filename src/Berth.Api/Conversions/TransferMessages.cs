using Berth.Core.Errors;
using Berth.Core.Transfer;

namespace Berth.Api.Images.V1;

public sealed partial class PullRequest
{
    public ImagePullRequest ToCore()
    {
        if (Reference.Length == 0)
        {
            throw new InvalidArgumentException("reference is required: name the image to pull, such as busybox or localhost:5000/app:v1");
        }

        return new ImagePullRequest(Reference)
        {
            Platform = Platform?.ToCore(),
            AllPlatforms = AllPlatforms,
            Unpack = !HasUnpack || Unpack,
            Snapshotter = Snapshotter.Length == 0 ? null : Snapshotter,
            Credentials = Credentials?.ToCore(),
        };
    }

    public static PullRequest FromCore(ImagePullRequest request)
    {
        var wire = new PullRequest
        {
            Reference = request.Reference,
            AllPlatforms = request.AllPlatforms,
            Unpack = request.Unpack,
            Snapshotter = request.Snapshotter ?? string.Empty,
        };
        if (request.Platform is not null)
        {
            wire.Platform = Platform.FromCore(request.Platform);
        }

        if (request.Credentials is not null)
        {
            wire.Credentials = Credentials.FromCore(request.Credentials);
        }

        return wire;
    }
}

public sealed partial class Platform
{
    public Oci.Platform ToCore()
    {
        if (Os.Length == 0 || Architecture.Length == 0)
        {
            throw new InvalidArgumentException($"platform \"{Os}/{Architecture}\": both the OS and the architecture are required, as in linux/amd64");
        }

        return new Oci.Platform(Os, Architecture) { Variant = Variant.Length == 0 ? null : Variant };
    }

    public static Platform FromCore(Oci.Platform platform)
        => new() { Os = platform.Os, Architecture = platform.Architecture, Variant = platform.Variant ?? string.Empty };
}

public sealed partial class Credentials
{
    public RegistryCredentials ToCore() => new(NullIfEmpty(Username), NullIfEmpty(Password)) { IdentityToken = NullIfEmpty(IdentityToken) };

    public static Credentials FromCore(RegistryCredentials credentials) => new()
    {
        Username = credentials.Username ?? string.Empty,
        Password = credentials.Password ?? string.Empty,
        IdentityToken = credentials.IdentityToken ?? string.Empty,
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

public sealed partial class LoginRequest
{
    public (string Server, RegistryCredentials Credentials) ToCore()
    {
        if (Server.Length == 0)
        {
            throw new InvalidArgumentException("server is required: name the registry host, such as docker.io or localhost:5000");
        }

        return (Server, Credentials?.ToCore() ?? new RegistryCredentials(null, null));
    }
}
