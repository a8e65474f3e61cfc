namespace Berth.Remotes.Push;

/// <summary>
/// Which repository of the same registry to mount a blob from, read from the distribution source label the store
/// keeps on it (<c>containerd.io/distribution.source.&lt;host&gt;</c> = comma-separated repositories), as containerd
/// chooses: not the target itself, and the one sharing most leading path components with it (the last of equals).
/// </summary>
internal static class MountSource
{
    public static string? Select(string target, string? sources)
    {
        string? best = null;
        int bestShared = 0;
        string[] targetParts = target.Split('/');
        foreach (string repository in (sources ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (repository == target)
            {
                continue;
            }

            int shared = targetParts.Zip(repository.Split('/')).TakeWhile(p => p.First == p.Second).Count();
            if (shared >= bestShared)
            {
                (best, bestShared) = (repository, shared);
            }
        }

        return best;
    }
}
