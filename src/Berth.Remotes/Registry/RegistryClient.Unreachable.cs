using Berth.Core.Errors;

namespace Berth.Remotes.Registry;

internal sealed partial class RegistryClient
{
    /// <summary>Words a failure to get any answer: what could not be reached, why, and what to check.</summary>
    private UnavailableException Unreachable(RegistryEndpoint endpoint, RegistryRequest request, Exception ex)
    {
        string where = request.Location is { } location ? location.GetLeftPart(UriPartial.Authority) : endpoint.ToString();
        string reason = Innermost(ex);
        string message = ex switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } =>
                $"TLS with {where} failed: {reason}; if the registry uses a private CA, put it in "
                + $"{Path.Combine(_certsDirectory, endpoint.TransportHost)}/ca.crt, or mark {endpoint.TransportHost} insecure",
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } =>
                $"cannot resolve the registry host of {where}: {reason}; check the registry name and DNS",
            OperationCanceledException =>
                $"{where} did not answer {request.Method} within {_settings.ResponseTimeout.TotalSeconds:0} s; check that the registry is up and the network is not congested",
            _ => $"cannot reach the registry at {where}: {reason}; check that it is running, its address and port, and the firewall or proxy in between",
        };
        return new UnavailableException($"{request.Operation.Action} of {request.Operation.Name}: {message}", ex);
    }

    private static string Innermost(Exception ex)
    {
        var messages = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(": ", messages.Distinct());
    }
}
