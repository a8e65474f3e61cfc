namespace Berth.Daemon.Hosting;

/// <summary>The daemon's UUID (Introspection.Server), made once per root and kept in &lt;root&gt;/uuid.</summary>
internal static class ServerIdentity
{
    public static string LoadOrCreate(string root)
    {
        string path = Path.Combine(root, "uuid");
        if (File.Exists(path) && Guid.TryParse(File.ReadAllText(path).Trim(), out var existing))
        {
            return existing.ToString();
        }

        string uuid = Guid.NewGuid().ToString();
        string temp = path + ".tmp";
        File.WriteAllText(temp, uuid + "\n");
        File.Move(temp, path, overwrite: true);
        return uuid;
    }
}
