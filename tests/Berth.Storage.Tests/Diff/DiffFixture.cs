using Berth.Core.Mounts;
using Berth.Linux;
using Berth.Oci;
using Berth.Storage.Diff;
using Berth.Testing;

namespace Berth.Storage.Tests.Diff;

/// <summary>A temp folder, an in-memory content store and a diff service over them.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class DiffFixture : IDisposable
{
    private readonly TempDirectory _temp = new("diff");

    public DiffFixture()
    {
        Directory.CreateDirectory(Scratch);
        Service = new DiffService(Content, LinuxSyscalls.Instance, Scratch);
    }

    public InMemoryContentStore Content { get; } = new();

    public DiffService Service { get; }

    public string Path => _temp.Path;

    public string Scratch => _temp.Combine("scratch");

    public string Folder(params string[] parts)
    {
        string path = _temp.Combine(parts);
        Directory.CreateDirectory(path);
        return path;
    }

    public static IReadOnlyList<Mount> Bind(string folder) => [new Mount("bind", folder, ["rbind", "rw"])];

    public IReadOnlyList<Mount> Overlay(string upper, params string[] lowers) =>
        [new Mount("overlay", "overlay", [$"workdir={Folder("work")}", $"upperdir={upper}", $"lowerdir={string.Join(':', lowers)}"])];

    public Descriptor Store(byte[] blob, string mediaType = MediaTypes.OciLayerGzip) =>
        new(mediaType, Content.Put(blob), blob.Length);

    public async Task<Descriptor> ApplyAsync(byte[] blob, IReadOnlyList<Mount> mounts, string mediaType = MediaTypes.OciLayerGzip) =>
        await Service.ApplyAsync(Store(blob, mediaType), mounts, cancellationToken: TestContext.Current.CancellationToken);

    public static void RequireRoot() => Assert.SkipUnless(TestEnvironment.IsRoot, "needs root: chown, mknod, trusted.* xattrs and mounts");

    public void Dispose()
    {
        _temp.Dispose();
    }
}
