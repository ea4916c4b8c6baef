using System.Net.Http.Headers;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Ops.Aws.Runtime;
using Ops.Aws.Testing;
using Xunit;

namespace Ops.Aws.Tests;

public class SigV4Tests
{
    // The worked example of AWS's SigV4 documentation (IAM ListUsers, 2015-08-30, the documentation's example key).
    private const string DocKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string DocSignature = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    private static readonly DateTime DocTime = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    [Fact]
    public void Canonical_request_and_signature_match_the_documented_example()
    {
        var headers = new Dictionary<string, string>
        {
            ["content-type"] = "application/x-www-form-urlencoded; charset=utf-8",
            ["host"] = "iam.amazonaws.com",
            ["x-amz-date"] = "20150830T123600Z",
        };
        var emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        var canonical = SigV4.CanonicalRequest("GET", new Uri("https://iam.amazonaws.com/?Version=2010-05-08&Action=ListUsers"), headers, emptyHash, out var signed);
        Assert.Equal("content-type;host;x-amz-date", signed);
        Assert.Equal("GET\n/\nAction=ListUsers&Version=2010-05-08\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n" + emptyHash, canonical);
        var result = AWS4Signer.ComputeSignature(new ImmutableCredentials("AKIDEXAMPLE", DocKey, null), "us-east-1", DocTime, "iam", signed, canonical);
        Assert.Equal(DocSignature, result.Signature);
    }

    [Fact]
    public void Verifier_accepts_the_documented_example_and_rejects_a_changed_one()
    {
        var v = new SigV4Verifier();
        v.AddKey("AKIDEXAMPLE", DocKey);
        var headers = new Dictionary<string, string>
        {
            ["Host"] = "iam.amazonaws.com",
            ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8",
            ["X-Amz-Date"] = "20150830T123600Z",
            ["Authorization"] = $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature={DocSignature}",
        };
        var ok = v.Verify("GET", "/", "?Action=ListUsers&Version=2010-05-08", headers, Array.Empty<byte>(), DocTime.AddMinutes(3));
        Assert.True(ok.Ok, ok.Message);
        Assert.Equal("iam", ok.Service);

        var tampered = v.Verify("GET", "/", "?Action=ListRoles&Version=2010-05-08", headers, Array.Empty<byte>(), DocTime);
        Assert.Equal("SignatureDoesNotMatch", tampered.ErrorCode);
        var late = v.Verify("GET", "/", "?Action=ListUsers&Version=2010-05-08", headers, Array.Empty<byte>(), DocTime.AddMinutes(20));
        Assert.Equal("RequestExpired", late.ErrorCode);
        var other = new SigV4Verifier();
        Assert.Equal("InvalidClientTokenId", other.Verify("GET", "/", "", headers, Array.Empty<byte>(), DocTime).ErrorCode);
    }

    [Fact]
    public void A_signed_request_verifies_and_a_changed_body_does_not()
    {
        var body = Encoding.UTF8.GetBytes("{\"SecretId\":\"creds-foo\"}");
        var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:4566/") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "secretsmanager.DescribeSecret");
        var now = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        SigV4.Sign(request, body, new ImmutableCredentials("AKIATEST", "secret/key", "session-token"), "eu-west-2", "secretsmanager", now);

        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value));
        headers["Content-Type"] = request.Content.Headers.ContentType!.ToString();
        headers["Host"] = "127.0.0.1:4566";
        Assert.Contains("x-amz-security-token", headers["Authorization"]);
        var v = new SigV4Verifier();
        v.AddKey("AKIATEST", "secret/key");
        var ok = v.Verify("POST", "/", "", headers, body, now);
        Assert.True(ok.Ok, ok.Message);
        Assert.Equal("eu-west-2", ok.Region);
        var bad = v.Verify("POST", "/", "", headers, Encoding.UTF8.GetBytes("{\"SecretId\":\"creds-bar\"}"), now);
        Assert.False(bad.Ok);
    }

    [Fact]
    public void Uri_encoding_is_rfc3986_with_the_aws_unreserved_set()
    {
        Assert.Equal("a%20b%2Fc~d_e.f-g%3D%26", SigV4.UriEncode("a b/c~d_e.f-g=&"));
        Assert.Equal("%C3%A9", SigV4.UriEncode("é"));
    }
}
