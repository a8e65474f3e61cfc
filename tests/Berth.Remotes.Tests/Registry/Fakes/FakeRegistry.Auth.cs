using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Berth.Remotes.Tests.Registry.Fakes;

public sealed partial class FakeRegistry
{
    private readonly ConcurrentDictionary<string, string[]> _tokens = new();
    private int _issued;

    /// <summary>The scopes of each token request, in order (space-joined, as one string per request).</summary>
    public ConcurrentQueue<string> TokenRequests { get; } = new();

    private async Task<bool> AuthorizedAsync(HttpContext context)
    {
        var auth = Auth;
        string header = context.Request.Headers.Authorization.ToString();
        bool ok = auth.Mode switch
        {
            FakeAuthMode.None => true,
            FakeAuthMode.Basic => header == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{auth.Username}:{auth.Password}")),
            _ => header.StartsWith("Bearer ", StringComparison.Ordinal) && !auth.RefuseTokens
                && _tokens.TryGetValue(header[7..], out var scopes) && Covers(scopes, RequiredScope(context)),
        };
        if (!ok)
        {
            string bearer = $"Bearer realm=\"{BaseUri}token\",service=\"fake-registry\"";
            if (RequiredScope(context) is { } scope)
            {
                bearer += $",scope=\"{scope}\"";
            }

            string basic = "Basic realm=\"fake-registry\"";
            context.Response.Headers.WWWAuthenticate = auth.CombineChallenges ? $"{basic}, {bearer}"
                : auth.Mode == FakeAuthMode.Basic ? basic : bearer;
            await WriteErrorAsync(context, 401, "UNAUTHORIZED", "authentication required");
        }

        return ok;
    }

    private async Task HandleTokenAsync(HttpContext context)
    {
        var auth = Auth;
        var request = context.Request;
        string[] scopes;
        bool allowed;
        if (HttpMethods.IsPost(request.Method))
        {
            var form = await request.ReadFormAsync();
            scopes = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            allowed = form["grant_type"] == "refresh_token" && form["refresh_token"] == auth.IdentityToken && auth.IdentityToken is not null;
        }
        else
        {
            scopes = [.. request.Query["scope"].Select(s => s ?? string.Empty)];
            string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{auth.Username}:{auth.Password}"));
            allowed = auth.Username is null || request.Headers.Authorization == expected;
        }

        TokenRequests.Enqueue(string.Join(' ', scopes));
        if (!allowed)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("{\"details\":\"incorrect username or password\"}");
            return;
        }

        string token = $"token-{Interlocked.Increment(ref _issued)}";
        _tokens[token] = scopes;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(auth.ExpiresIn is { } expires
            ? JsonSerializer.Serialize(new { token, expires_in = expires })
            : JsonSerializer.Serialize(new { access_token = token }));
    }

    private static string? RequiredScope(HttpContext context)
    {
        string path = context.Request.Path.Value ?? string.Empty;
        var match = UploadPath().Match(path) is { Success: true } upload ? upload : ObjectPath().Match(path);
        if (!match.Success)
        {
            return null;
        }

        bool read = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        return $"repository:{match.Groups["name"].Value}:{(read ? "pull" : "pull,push")}";
    }

    private static bool Covers(string[] granted, string? required)
    {
        if (required is null)
        {
            return true;
        }

        int split = required.LastIndexOf(':');
        string resource = required[..split];
        var grantedActions = granted.Where(g => g.StartsWith(resource + ":", StringComparison.Ordinal))
            .SelectMany(g => g[(resource.Length + 1)..].Split(','));
        return required[(split + 1)..].Split(',').All(grantedActions.Contains);
    }
}
