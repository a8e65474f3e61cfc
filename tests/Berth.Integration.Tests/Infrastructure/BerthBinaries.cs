namespace Berth.Integration.Tests.Infrastructure;

/// <summary>Where berthd, berth and berth-shim are: $BERTH_BIN_DIR (test.sh publishes there), else this tree's build output.</summary>
public static class BerthBinaries
{
    public static string Daemon => Find("berthd", "Berth.Daemon");

    public static string Cli => Find("berth", "Berth.Cli");

    public static string Shim => Find("berth-shim", "Berth.Shim");

    private static string Find(string name, string project)
    {
        string? dir = Environment.GetEnvironmentVariable("BERTH_BIN_DIR");
        if (!string.IsNullOrEmpty(dir))
        {
            string published = Path.Combine(dir, name);
            return File.Exists(published) ? published : throw new FileNotFoundException($"BERTH_BIN_DIR is set but has no {name}", published);
        }

        // tests/Berth.Integration.Tests/bin/<Configuration>/net10.0/ → src/<project>/bin/<Configuration>/net10.0/<name>
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        string configuration = output.Parent!.Name;
        string repo = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        string built = Path.Combine(repo, "src", project, "bin", configuration, output.Name, name);
        return File.Exists(built) ? built : throw new FileNotFoundException($"build {project} first, or set BERTH_BIN_DIR", built);
    }
}
