using Berth.Testing;

namespace Berth.Operations.Tests.Auth;

/// <summary>
/// A docker-credential-fake script in a folder of its own: keeps what it is told per server, answers docker's protocol,
/// and logs each call ("get SERVER") so tests can see what berth asked.
/// </summary>
internal sealed class FakeCredentialHelper : IDisposable
{
    private readonly TempDirectory _dir = new("cred-helper");

    public FakeCredentialHelper()
    {
        Directory.CreateDirectory(_dir.Combine("store"));
        string script = $$"""
            #!/bin/sh
            store='{{_dir.Combine("store")}}'
            input=$(cat)
            case "$1" in
              store) server=$(printf '%s' "$input" | sed -n 's/.*"ServerURL":"\([^"]*\)".*/\1/p') ;;
              *) server="$input" ;;
            esac
            echo "$1 $server" >> '{{_dir.Combine("log")}}'
            key=$(printf '%s' "$server" | md5sum | cut -d' ' -f1)
            case "$1" in
              store) printf '%s' "$input" > "$store/$key" ;;
              get) if [ -f "$store/$key" ]; then cat "$store/$key"; else echo "credentials not found in native keychain"; exit 1; fi ;;
              erase) if [ -f "$store/$key" ]; then rm "$store/$key"; else echo "credentials not found in native keychain"; exit 1; fi ;;
              *) echo "unknown action $1"; exit 2 ;;
            esac
            """;
        File.WriteAllText(_dir.Combine("docker-credential-fake"), script.Replace("\r", "", StringComparison.Ordinal));
        File.SetUnixFileMode(_dir.Combine("docker-credential-fake"), (UnixFileMode)0b111_101_101);
    }

    /// <summary>The PATH to search: only this folder.</summary>
    public string SearchPath => _dir.Path;

    public IReadOnlyList<string> Calls => File.Exists(_dir.Combine("log")) ? File.ReadAllLines(_dir.Combine("log")) : [];

    public void Dispose() => _dir.Dispose();
}
