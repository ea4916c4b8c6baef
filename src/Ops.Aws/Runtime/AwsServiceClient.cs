using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Amazon.Runtime;

namespace Ops.Aws.Runtime;

/// <summary>The transport shared by every client: endpoint, credentials, SigV4, the protocol's body and error
/// format, and retries. A service client is a list of one-line operations over <see cref="InvokeAsync{TReq,TResp}"/>.</summary>
public abstract class AwsServiceClient : IDisposable
{
    private static readonly HttpMessageHandler SharedHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    private readonly HttpClient _http;
    private readonly AWSCredentials _credentials;

    protected AwsServiceClient(AwsServiceInfo service, AwsClientOptions options)
    {
        Service = service;
        Options = options?.Clone() ?? new AwsClientOptions();
        Region = AwsCredentialSource.ResolveRegion(Options);
        Endpoint = ResolveEndpoint(service, Options, Region);
        _credentials = AwsCredentialSource.Resolve(Options);
        _http = new HttpClient(Options.HttpHandler ?? SharedHandler, disposeHandler: false) { Timeout = Options.Timeout };
    }

    public AwsServiceInfo Service { get; }
    public AwsClientOptions Options { get; }
    public string Region { get; }
    public Uri Endpoint { get; }

    public static Uri ResolveEndpoint(AwsServiceInfo service, AwsClientOptions options, string region)
    {
        if (!string.IsNullOrEmpty(options.EndpointUrl))
        {
            if (!Uri.TryCreate(options.EndpointUrl, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
                throw new AwsConfigurationException($"The endpoint URL '{options.EndpointUrl}' is not an absolute http(s) URL");
            return uri;
        }
        return new Uri($"https://{service.EndpointPrefix}.{region}.{AwsCredentialSource.DnsSuffix(region)}/");
    }

    protected async Task<TResponse> InvokeAsync<TRequest, TResponse>(string operation, TRequest request, CancellationToken cancellationToken)
        where TRequest : AwsRequest
        where TResponse : AwsResponse, new()
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[] body = Service.Protocol == AwsProtocol.Json
            ? JsonProtocol.Serialize(request, Service.CamelCaseMembers)
            : QueryProtocol.Serialize(operation, Service.ApiVersion, request);
        var retry = Options.Retry ?? AwsRetryPolicy.None;
        for (int attempt = 1; ; attempt++)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var response = await SendOnceAsync<TResponse>(operation, body, cancellationToken).ConfigureAwait(false);
                Log($"{Service.ServiceId}.{operation}: {(int)response.HttpStatusCode} in {watch.ElapsedMilliseconds} ms (attempt {attempt})");
                return response;
            }
            catch (AwsServiceException e) when (attempt < retry.MaxAttempts && AwsRetryPolicy.IsRetryable(e))
            {
                var wait = retry.Backoff(attempt, AwsRetryPolicy.IsThrottling(e));
                Log($"{Service.ServiceId}.{operation}: {e.ErrorCode} ({(int)e.StatusCode}) on attempt {attempt}; retrying in {wait.TotalMilliseconds:0} ms");
                await retry.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException e)
            {
                e.Attempts = attempt;
                Log($"{Service.ServiceId}.{operation}: {e.ErrorCode} ({(int)e.StatusCode}) on attempt {attempt}");
                throw;
            }
            catch (Exception e) when (IsTransient(e, cancellationToken) && attempt < retry.MaxAttempts)
            {
                var wait = retry.Backoff(attempt, false);
                Log($"{Service.ServiceId}.{operation}: {e.GetType().Name} on attempt {attempt}; retrying in {wait.TotalMilliseconds:0} ms");
                await retry.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransient(Exception e, CancellationToken ct) =>
        e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested) || e is IOException;

    private async Task<TResponse> SendOnceAsync<TResponse>(string operation, byte[] body, CancellationToken ct) where TResponse : AwsResponse, new()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint);
        request.Content = new ByteArrayContent(body);
        if (Service.Protocol == AwsProtocol.Json)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(JsonProtocol.ContentType(Service.JsonVersion));
            request.Headers.TryAddWithoutValidation("X-Amz-Target", Service.TargetPrefix + "." + operation);
        }
        else
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(QueryProtocol.ContentType);
        }
        request.Headers.UserAgent.ParseAdd("ops/1.0");
        var credentials = await _credentials.GetCredentialsAsync().ConfigureAwait(false);
        SigV4.Sign(request, body, credentials, Region, Service.SigningName, Options.UtcNow());

        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        var responseBody = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault()
            : response.Headers.TryGetValues("x-amz-request-id", out var ids2) ? ids2.FirstOrDefault() : null;
        if (!response.IsSuccessStatusCode)
        {
            if (Service.Protocol == AwsProtocol.Json)
            {
                var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var et) ? et.FirstOrDefault() : null;
                var (code, message) = JsonProtocol.ReadError(responseBody, errorType);
                throw new AwsServiceException(Service.ServiceId, operation, code ?? StatusCodeName(response.StatusCode), message, response.StatusCode, requestId);
            }
            else
            {
                var (code, message, type, rid) = QueryProtocol.ReadError(responseBody);
                throw new AwsServiceException(Service.ServiceId, operation, code ?? StatusCodeName(response.StatusCode), message, response.StatusCode, rid ?? requestId, type);
            }
        }
        TResponse result;
        try
        {
            result = Service.Protocol == AwsProtocol.Json
                ? JsonProtocol.Deserialize<TResponse>(responseBody, Service.CamelCaseMembers)
                : QueryProtocol.Deserialize<TResponse>(operation, responseBody);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or System.Xml.XmlException or FormatException or InvalidOperationException)
        {
            // The body is not echoed: an answer may carry secret values (GetSecretValue).
            throw new AwsServiceException(Service.ServiceId, operation, "UnreadableResponse", "the answer could not be read as the model's " + typeof(TResponse).Name + " (" + e.GetType().Name + ")", response.StatusCode, requestId);
        }
        result.HttpStatusCode = response.StatusCode;
        result.ResponseMetadata ??= new ResponseMetadata();
        result.ResponseMetadata.RequestId ??= requestId;
        return result;
    }

    private static string StatusCodeName(HttpStatusCode code) => code.ToString();

    private void Log(string line) => Options.Log?.Invoke(line);

    public void Dispose()
    {
        _http.Dispose();
        GC.SuppressFinalize(this);
    }
}
