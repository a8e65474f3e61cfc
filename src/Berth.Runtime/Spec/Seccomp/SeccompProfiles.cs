using System.Text.Json;
using Berth.Core.Errors;

namespace Berth.Runtime.Spec.Seccomp;

/// <summary>Reading and writing docker-format profiles.</summary>
public static class SeccompProfiles
{
    /// <summary>Reads a profile in docker's JSON format; <paramref name="source"/> names it in errors.</summary>
    public static SeccompProfile Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(json, SeccompProfileJsonContext.Default.SeccompProfile)
                ?? throw new InvalidArgumentException($"seccomp profile {source} is JSON null; give a profile object");
        }
        catch (JsonException ex)
        {
            throw new InvalidArgumentException($"seccomp profile {source} is not a valid profile ({ex.Message}); check it against docker's format");
        }
    }

    /// <summary>Writes a profile in docker's JSON format.</summary>
    public static string Serialize(SeccompProfile profile) =>
        JsonSerializer.Serialize(profile, SeccompProfileJsonContext.Default.SeccompProfile);
}
