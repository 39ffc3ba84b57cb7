using System.Net;
using System.Net.NetworkInformation;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PumpSim.Web;

/// <summary>Who may ask the console for what, as a browser's threat model requires (issue 21): any
/// page the trainer has open may send requests to it, and a DNS name may be re-pointed at it.
/// <list type="bullet">
/// <item>Host: only the bound address, loopback and <c>localhost</c> (or, bound to every
/// interface, this machine's own addresses) — a page on <c>evil.example</c> re-pointed at
/// 127.0.0.1 is refused before anything runs (DNS rebinding).</item>
/// <item>Every state-changing request (anything but GET/HEAD) needs the trainer's secret token in
/// <see cref="TokenHeader"/>, a same-origin <c>Origin</c> (or, without one, <c>Sec-Fetch-Site:
/// same-origin</c>; <c>Origin: null</c> is refused) and, for a POST, <c>application/json</c>
/// (a cross-site form or <c>text/plain</c> fetch cannot send it without a preflight we never answer).</item>
/// </list>
/// The token is 256 random bits from <see cref="RandomNumberGenerator"/>: a secret, not a
/// simulation output, so determinism does not apply to it.</summary>
public sealed class RequestGuard
{
    public const string TokenHeader = "X-PumpSim-Token";
    private readonly HashSet<string> _hosts;
    private readonly byte[] _token;

    public RequestGuard(IPAddress bound)
    {
        ArgumentNullException.ThrowIfNull(bound);
        Token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _token = Encoding.ASCII.GetBytes(Token);
        _hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "[::1]", HostName(bound) };
        if (bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any))
            foreach (var a in LocalAddresses()) _hosts.Add(HostName(a));
    }

    /// <summary>The trainer's secret (in the trainer's URL only).</summary>
    public string Token { get; }

    /// <summary>A Host header's name as a browser writes it (IPv6 in brackets).</summary>
    public static string HostName(IPAddress a) => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString();

    /// <summary>This machine's unicast addresses, IPv4 first (the URL a classroom can open).</summary>
    public static IReadOnlyList<IPAddress> LocalAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(u => u.Address))
                .Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal)
                .OrderBy(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 0 : 1)
                .ThenBy(a => a.ToString(), StringComparer.Ordinal)
                .ToArray();
        }
        catch (NetworkInformationException) { return []; }
    }

    public bool HostAllowed(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Host.HasValue && _hosts.Contains(request.Host.Host.Contains(':', StringComparison.Ordinal) && !request.Host.Host.StartsWith('[')
            ? $"[{request.Host.Host}]" : request.Host.Host);
    }

    /// <summary>True when <paramref name="candidate"/> is the token (constant time).</summary>
    public bool IsToken(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), _token);

    /// <summary>Null when the request may change state, else why not (the 403's message).</summary>
    public string? RefuseChange(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.Headers;
        var origin = headers.Origin.ToString();
        var site = headers["Sec-Fetch-Site"].ToString();
        if (origin.Length > 0)
        {
            if (!string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
                return $"refused: a change must come from this console's own page (Origin '{origin}' is not {request.Scheme}://{request.Host}).";
        }
        else if (site.Length == 0)
            return "refused: a change needs the page's Origin header (or Sec-Fetch-Site: same-origin).";
        if (site.Length > 0 && site != "same-origin")
            return $"refused: a change must come from this console's own page (Sec-Fetch-Site '{site}').";
        if (!IsToken(headers[TokenHeader].ToString()))
            return "refused: only the trainer's page (the URL with its token) can change the session; the class's page is view only.";
        if (HttpMethods.IsPost(request.Method) &&
            !(request.ContentType is { } type && type.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase)))
            return "refused: a change must be sent as application/json.";
        return null;
    }
}
