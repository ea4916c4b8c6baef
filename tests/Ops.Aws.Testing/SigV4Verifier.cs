using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ops.Aws.Testing;

/// <summary>Checks a request's Signature Version 4 the way AWS does, written independently of the client's signer
/// (the AWS CLI's requests check this verifier; this verifier checks the client).</summary>
public sealed class SigV4Verifier
{
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    public void AddKey(string accessKeyId, string secretAccessKey) => _keys[accessKeyId] = secretAccessKey;

    public sealed record Result(bool Ok, string ErrorCode, string Message, string AccessKeyId = null, string Region = null, string Service = null);

    /// <param name="headers">Request headers (any case).</param>
    public Result Verify(string method, string rawPath, string rawQuery, IReadOnlyDictionary<string, string> headers, byte[] body, DateTime now)
    {
        var h = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        if (!h.TryGetValue("Authorization", out var auth) || !auth.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
            return new(false, "MissingAuthenticationToken", "Request is missing Authentication Token");
        var fields = auth["AWS4-HMAC-SHA256 ".Length..].Split(',').Select(f => f.Trim()).Where(f => f.Contains('='))
            .ToDictionary(f => f[..f.IndexOf('=')], f => f[(f.IndexOf('=') + 1)..]);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signedHeaders) || !fields.TryGetValue("Signature", out var signature))
            return new(false, "IncompleteSignature", "Authorization header requires Credential, SignedHeaders and Signature");
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
            return new(false, "IncompleteSignature", "Credential must be AKID/date/region/service/aws4_request");
        var (akid, date, region, service) = (scope[0], scope[1], scope[2], scope[3]);
        if (!_keys.TryGetValue(akid, out var secret))
            return new(false, "InvalidClientTokenId", "The security token included in the request is invalid.", akid, region, service);
        if (!h.TryGetValue("X-Amz-Date", out var amzDate) || !DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
            return new(false, "IncompleteSignature", "X-Amz-Date is missing or malformed");
        if (!amzDate.StartsWith(date, StringComparison.Ordinal))
            return new(false, "SignatureDoesNotMatch", "Credential date does not match X-Amz-Date");
        if (Math.Abs((now - signedAt).TotalMinutes) > 15)
            return new(false, "RequestExpired", "Signature expired: the request time is more than 15 minutes from the server's");
        var names = signedHeaders.Split(';');
        if (!names.Contains("host") || !names.Contains("x-amz-date"))
            return new(false, "SignatureDoesNotMatch", "host and x-amz-date must be signed");
        if (!names.SequenceEqual(names.OrderBy(n => n, StringComparer.Ordinal)))
            return new(false, "SignatureDoesNotMatch", "SignedHeaders must be sorted");
        var payloadHash = Hex(SHA256.HashData(body));
        if (h.TryGetValue("X-Amz-Content-SHA256", out var claimed) && claimed != "UNSIGNED-PAYLOAD" && claimed != payloadHash)
            return new(false, "SignatureDoesNotMatch", "X-Amz-Content-SHA256 does not match the body");

        var canonical = new StringBuilder();
        canonical.Append(method).Append('\n');
        canonical.Append(string.IsNullOrEmpty(rawPath) ? "/" : rawPath).Append('\n');
        canonical.Append(CanonicalQuery(rawQuery)).Append('\n');
        foreach (var n in names)
        {
            if (!h.TryGetValue(n, out var v)) return new(false, "SignatureDoesNotMatch", $"signed header {n} is not in the request");
            canonical.Append(n).Append(':').Append(string.Join(" ", v.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))).Append('\n');
        }
        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{date}/{region}/{service}/aws4_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date), region), service), "aws4_request");
        var expected = Hex(Hmac(key, stringToSign));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
            return new(false, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.", akid, region, service);
        return new(true, null, null, akid, region, service);
    }

    private static string CanonicalQuery(string q)
    {
        if (string.IsNullOrEmpty(q)) return "";
        return string.Join("&", q.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => { var i = p.IndexOf('='); return (K: Enc(Uri.UnescapeDataString(i < 0 ? p : p[..i])), V: Enc(i < 0 ? "" : Uri.UnescapeDataString(p[(i + 1)..]))); })
            .OrderBy(p => p.K, StringComparer.Ordinal).ThenBy(p => p.V, StringComparer.Ordinal).Select(p => p.K + "=" + p.V));
    }

    private static string Enc(string s) => string.Concat(Encoding.UTF8.GetBytes(s).Select(b =>
        (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_' || b == '.' || b == '~' ? ((char)b).ToString() : "%" + b.ToString("X2", CultureInfo.InvariantCulture)));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] b) => Convert.ToHexString(b).ToLowerInvariant();
}
