namespace Berth.Integration.Tests.Oracle;

/// <summary>
/// The lines of the session where berth is known to print something else than docker, each with why. The test fails
/// on any other difference; an entry no difference needs any more is reported so it can be removed. An entry is
/// (the step as the table titles it, the field, the reason's tag); the reasons are told once, under their tags.
/// </summary>
internal static class KnownDifferences
{
    public static IReadOnlyDictionary<string, string> Reasons { get; } = new Dictionary<string, string>
    {
        ["snapshotter"] = "dockerd 20.10 names its graph driver (overlay2); berth names containerd's snapshotter (overlayfs), as dockerd "
            + "itself does when containerd keeps its images. Not a bug",
    };

    public static IReadOnlyList<(string Step, string Field, string Tag)> Entries { get; } =
    [
        ("inspect s1", ".Driver", "snapshotter"),
        ("inspect s1", ".GraphDriver.Name", "snapshotter"),
    ];

    /// <summary>The reason's tag for a known difference, or null.</summary>
    public static string? Tag(string step, string field)
        => Entries.FirstOrDefault(e => e.Step == step && e.Field == field).Tag;
}
