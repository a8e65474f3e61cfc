using Berth.Core.Errors;
using Berth.Core.Transfer;

namespace Berth.Api.Images.V1;

public sealed partial class PushRequest
{
    public ImagePushRequest ToCore()
    {
        if (Reference.Length == 0)
        {
            throw new InvalidArgumentException("reference is required: name the image to push, such as localhost:5000/app:v1");
        }

        return new ImagePushRequest(Reference) { Platform = Platform?.ToCore(), Credentials = Credentials?.ToCore() };
    }

    public static PushRequest FromCore(ImagePushRequest request)
    {
        var wire = new PushRequest { Reference = request.Reference };
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
