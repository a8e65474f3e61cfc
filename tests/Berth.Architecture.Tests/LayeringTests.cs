using System.Xml.Linq;

namespace Berth.Architecture.Tests;

/// <summary>
/// The layers of DESIGN.md point one way. Each project may reference only the projects listed for it, and the command
/// line never reaches, even transitively, the code that touches the store, the runtime or the kernel.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Berth.Oci"] = [],
        ["Berth.Core"] = ["Berth.Oci"],
        ["Berth.Linux"] = ["Berth.Core"],
        ["Berth.Storage"] = ["Berth.Core", "Berth.Oci", "Berth.Linux"],
        ["Berth.Remotes"] = ["Berth.Core", "Berth.Oci"],
        ["Berth.Api"] = ["Berth.Core", "Berth.Oci"],
        ["Berth.Ttrpc"] = ["Berth.Core", "Berth.Api"],
        ["Berth.Runtime"] = ["Berth.Core", "Berth.Oci", "Berth.Linux", "Berth.Api", "Berth.Ttrpc"],
        ["Berth.Shim"] = ["Berth.Core", "Berth.Oci", "Berth.Linux", "Berth.Api", "Berth.Ttrpc"],
        ["Berth.Engine"] = ["Berth.Core", "Berth.Oci", "Berth.Linux", "Berth.Runtime"],
        ["Berth.Services"] = ["Berth.Core", "Berth.Api"],
        ["Berth.Client"] = ["Berth.Core", "Berth.Api"],
        ["Berth.Operations"] = ["Berth.Core", "Berth.Oci", "Berth.Client"],
        ["Berth.Daemon"] = ["Berth.Core", "Berth.Linux", "Berth.Storage", "Berth.Remotes", "Berth.Runtime", "Berth.Ttrpc", "Berth.Services", "Berth.Engine"],
        ["Berth.Cli"] = ["Berth.Core", "Berth.Client", "Berth.Operations"],
    };

    private static readonly string Src = Path.Combine(RepositoryRoot(), "src");

    public static TheoryData<string> Projects() => [.. Directory.GetDirectories(Src).Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(Projects))]
    public void Project_ReferencesOnlyItsAllowedLayers(string project)
    {
        Assert.True(Allowed.ContainsKey(project), $"{project} is not in the layer table: add it here and to ARCHITECTURE.md");
        var extra = References(project).Except(Allowed[project]).ToList();
        Assert.True(extra.Count == 0, $"{project} must not reference {string.Join(", ", extra)}");
    }

    [Theory]
    [InlineData("Berth.Cli", "Berth.Storage")]
    [InlineData("Berth.Cli", "Berth.Linux")]
    [InlineData("Berth.Cli", "Berth.Services")]
    [InlineData("Berth.Operations", "Berth.Storage")]
    [InlineData("Berth.Cli", "Berth.Remotes")]
    [InlineData("Berth.Remotes", "Berth.Storage")]
    [InlineData("Berth.Daemon", "Berth.Client")]
    [InlineData("Berth.Daemon", "Berth.Operations")]
    [InlineData("Berth.Core", "Berth.Linux")]
    public void Project_NeverReachesForbiddenLayer(string project, string forbidden)
        => Assert.DoesNotContain(forbidden, Closure(project));

    private static HashSet<string> Closure(string project)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            foreach (string reference in References(current).Where(seen.Add))
            {
                pending.Push(reference);
            }
        }

        return seen;
    }

    private static IEnumerable<string> References(string project)
        => XDocument.Load(Path.Combine(Src, project, project + ".csproj"))
            .Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Berth.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Berth.slnx not found above the test folder");
    }
}
