using System.Runtime.CompilerServices;
using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Operations.Tests.Fakes;

internal sealed class FakeImageStore : IImageStore
{
    private readonly SortedDictionary<string, Image> _images = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _images.Keys;

    public ValueTask<Image> GetAsync(string name, CancellationToken cancellationToken = default)
        => _images.TryGetValue(name, out var image) ? ValueTask.FromResult(image) : throw new NotFoundException($"image \"{name}\": not found");

    public async IAsyncEnumerable<Image> ListAsync(IReadOnlyList<string>? filters = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var image in _images.Values.ToList())
        {
            yield return image;
        }
    }

    public ValueTask<Image> CreateAsync(Image image, CancellationToken cancellationToken = default)
    {
        if (!_images.TryAdd(image.Name, image))
        {
            throw new AlreadyExistsException($"image \"{image.Name}\": already exists");
        }

        return ValueTask.FromResult(image);
    }

    public ValueTask<Image> UpdateAsync(Image image, IReadOnlyList<string>? fieldPaths = null, CancellationToken cancellationToken = default)
    {
        var current = _images.TryGetValue(image.Name, out var found) ? found : throw new NotFoundException($"image \"{image.Name}\": not found");
        _images[image.Name] = fieldPaths is ["target"] ? current with { Target = image.Target } : image;
        return ValueTask.FromResult(_images[image.Name]);
    }

    public ValueTask DeleteAsync(string name, bool synchronous = false, CancellationToken cancellationToken = default)
        => _images.Remove(name) ? ValueTask.CompletedTask : throw new NotFoundException($"image \"{name}\": not found");
}
