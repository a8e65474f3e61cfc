namespace Berth.Testing;

/// <summary>A folder of the test's own under the temp folder, named berth-test-*, deleted at dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string? prefix = null)
    {
        Path = Directory.CreateTempSubdirectory($"berth-test-{prefix ?? "t"}-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover mount or a busy file: leave it rather than fail the test that already ran.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
