namespace Berth.Core.Containers.Options;

/// <summary>docker's rule for a container's environment: a later value of a name replaces the earlier one in place.</summary>
public static class EnvironmentVariables
{
    /// <summary>Puts <paramref name="variable"/> (<c>NAME=value</c>) where its name already stands in <paramref name="env"/>, else at the end.</summary>
    public static void Set(List<string> env, string variable)
    {
        string name = NameOf(variable);
        int existing = env.FindIndex(e => NameOf(e) == name);
        if (existing >= 0)
        {
            env[existing] = variable;
        }
        else
        {
            env.Add(variable);
        }
    }

    private static string NameOf(string variable)
    {
        int eq = variable.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? variable : variable[..eq];
    }
}
