using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Transfer;

namespace Berth.Operations.Auth;

public sealed partial class DockerConfigFile
{
    /// <summary>
    /// Records credentials under <c>auths</c>: base64("user:password") in <c>auth</c>, the identity token beside it; null
    /// credentials leave an empty entry, as docker does when a helper holds the secret (logout then knows the server).
    /// </summary>
    public void SetAuth(string key, RegistryCredentials? credentials)
    {
        if (_root["auths"] is not JsonObject auths)
        {
            auths = [];
            _root["auths"] = auths;
        }

        var entry = new JsonObject();
        if (credentials is { Username: not null } or { Password: not null })
        {
            entry["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}"));
        }

        if (credentials?.IdentityToken is { } token)
        {
            entry["identitytoken"] = token;
        }

        auths[key] = entry;
    }

    /// <summary>Removes the entry for <paramref name="key"/>; false when there was none.</summary>
    public bool RemoveAuth(string key) => _root["auths"] is JsonObject auths && auths.Remove(key);

    /// <summary>
    /// Writes the file as docker does (tab-indented, mode 0600), through a temporary file and a rename, so a crash
    /// leaves the old file or the new one.
    /// </summary>
    public void Save()
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(FilePath))!;
        Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string temp = Path.Combine(dir, $".{Path.GetFileName(FilePath)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            using (var json = new Utf8JsonWriter(file, new JsonWriterOptions
            {
                Indented = true, IndentCharacter = '\t', IndentSize = 1, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }))
            {
                _root.WriteTo(json);
                json.Flush();
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, FilePath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
