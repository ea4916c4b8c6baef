using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;

namespace Ops.Aws.Runtime;

/// <summary>Signature Version 4 for one HTTP request. The canonical request is built here (it depends only on the
/// message); the string to sign, the derived key and the HMAC come from AWSSDK.Core's <see cref="AWS4Signer"/>.</summary>
public static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Adds X-Amz-Date, X-Amz-Security-Token, X-Amz-Content-SHA256 and Authorization to the request.</summary>
    public static void Sign(HttpRequestMessage request, byte[] body, ImmutableCredentials credentials, string region, string service, DateTime utcNow)
    {
        var amzDate = utcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        request.Headers.Remove("X-Amz-Date");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.Remove("X-Amz-Security-Token");
        if (!string.IsNullOrEmpty(credentials.Token)) request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        var payloadHash = AWSSDKUtils.ToHex(AWS4Signer.ComputeHash(body ?? Array.Empty<byte>()), true);
        request.Headers.Remove("X-Amz-Content-SHA256");
        request.Headers.TryAddWithoutValidation("X-Amz-Content-SHA256", payloadHash);

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = request.RequestUri!.IsDefaultPort ? request.RequestUri.Host : request.RequestUri.Host + ":" + request.RequestUri.Port,
        };
        foreach (var h in request.Headers)
        {
            var name = h.Key.ToLowerInvariant();
            if (name is "x-amz-date" or "x-amz-security-token" or "x-amz-target" or "x-amz-content-sha256")
                headers[name] = string.Join(",", h.Value);
        }
        if (request.Content?.Headers.ContentType != null) headers["content-type"] = request.Content.Headers.ContentType.ToString();

        var canonical = CanonicalRequest(request.Method.Method, request.RequestUri, headers, payloadHash, out var signedHeaders);
        var result = AWS4Signer.ComputeSignature(credentials, region, utcNow, service, signedHeaders, canonical);
        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }

    /// <summary>The canonical request of SigV4 (method, path, query, headers, signed header names, payload hash).</summary>
    public static string CanonicalRequest(string method, Uri uri, IDictionary<string, string> lowerCaseHeaders, string payloadHash, out string signedHeaders)
    {
        var sorted = lowerCaseHeaders.OrderBy(h => h.Key, StringComparer.Ordinal).ToList();
        signedHeaders = string.Join(";", sorted.Select(h => h.Key));
        var sb = new StringBuilder();
        sb.Append(method).Append('\n');
        sb.Append(CanonicalPath(uri.AbsolutePath)).Append('\n');
        sb.Append(CanonicalQuery(uri.Query)).Append('\n');
        foreach (var h in sorted) sb.Append(h.Key).Append(':').Append(CollapseSpaces(h.Value)).Append('\n');
        sb.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        return sb.ToString();
    }

    public static string CanonicalPath(string path)
    {
        if (string.IsNullOrEmpty(path)) return "/";
        return string.Join("/", path.Split('/').Select(seg => UriEncode(Uri.UnescapeDataString(seg))));
    }

    public static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query) || query == "?") return "";
        var pairs = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p =>
        {
            var i = p.IndexOf('=');
            var k = Uri.UnescapeDataString((i < 0 ? p : p[..i]).Replace('+', ' '));
            var v = i < 0 ? "" : Uri.UnescapeDataString(p[(i + 1)..].Replace('+', ' '));
            return (K: UriEncode(k), V: UriEncode(v));
        });
        return string.Join("&", pairs.OrderBy(p => p.K, StringComparer.Ordinal).ThenBy(p => p.V, StringComparer.Ordinal).Select(p => p.K + "=" + p.V));
    }

    /// <summary>RFC 3986 encoding with AWS's unreserved set.</summary>
    public static string UriEncode(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            char c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static string CollapseSpaces(string v)
    {
        var t = v.Trim();
        var sb = new StringBuilder(t.Length);
        bool space = false;
        foreach (var c in t)
        {
            if (c == ' ') { if (!space) sb.Append(c); space = true; }
            else { sb.Append(c); space = false; }
        }
        return sb.ToString();
    }
}
