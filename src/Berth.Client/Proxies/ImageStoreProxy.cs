using System.Runtime.CompilerServices;
using Containerd.Services.Images.V1;
using Google.Protobuf.WellKnownTypes;
using Rpc = Containerd.Services.Images.V1.Images;

namespace Berth.Client.Proxies;

/// <summary><see cref="Core.Images.IImageStore"/> over containerd's Images service.</summary>
internal sealed class ImageStoreProxy(Rpc.ImagesClient client) : Core.Images.IImageStore
{
    public async ValueTask<Core.Images.Image> GetAsync(string name, CancellationToken cancellationToken = default)
        => (await client.GetAsync(new GetImageRequest { Name = name }, cancellationToken: cancellationToken).ConfigureAwait(false)).Image.ToCore();

    public async IAsyncEnumerable<Core.Images.Image> ListAsync(IReadOnlyList<string>? filters = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new ListImagesRequest();
        request.Filters.Add(filters ?? []);
        var response = await client.ListAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var image in response.Images)
        {
            yield return image.ToCore();
        }
    }

    public async ValueTask<Core.Images.Image> CreateAsync(Core.Images.Image image, CancellationToken cancellationToken = default)
        => (await client.CreateAsync(new CreateImageRequest { Image = Image.FromCore(image) }, cancellationToken: cancellationToken)
            .ConfigureAwait(false)).Image.ToCore();

    public async ValueTask<Core.Images.Image> UpdateAsync(Core.Images.Image image, IReadOnlyList<string>? fieldPaths = null,
        CancellationToken cancellationToken = default)
    {
        var request = new UpdateImageRequest { Image = Image.FromCore(image) };
        if (fieldPaths is { Count: > 0 })
        {
            request.UpdateMask = new FieldMask();
            request.UpdateMask.Paths.Add(fieldPaths);
        }

        return (await client.UpdateAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false)).Image.ToCore();
    }

    public async ValueTask DeleteAsync(string name, bool synchronous = false, CancellationToken cancellationToken = default)
        => await client.DeleteAsync(new DeleteImageRequest { Name = name, Sync = synchronous }, cancellationToken: cancellationToken).ConfigureAwait(false);
}
