using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ops.Aws.Testing;

/// <summary>An error a simulated service answers with (code as AWS names it).</summary>
public sealed class FakeAwsException(string code, string message, int status = 400) : Exception(message)
{
    public string Code { get; } = code;
    public int Status { get; } = status;
}

/// <summary>One simulated service: takes the validated input of an operation, returns its output, both as the model's members.</summary>
public interface IFakeService
{
    /// <summary>botocore's name of the service (secretsmanager, rds, ecs, elbv2).</summary>
    string ModelName { get; }
    JsonObject Handle(string operation, JsonObject input, FakeRequestContext context);
}

public sealed class FakeRequestContext
{
    public string Region { get; init; }
    public string Account { get; init; }
    public string RequestId { get; init; }
}

public sealed record RecordedCall(string Service, string Operation, int Status, string ErrorCode);

/// <summary>A loopback HTTP endpoint that answers as AWS would for the simulated services: every request must carry a
/// valid SigV4 signature and match the official model (botocore's service-2.json); every answer is checked against
/// the model too and written in the service's protocol (JSON 1.1 or query/XML).</summary>
public sealed class LoopbackAwsEndpoint : IDisposable
{
    public const string AccessKeyId = "AKIAOPSLOOPBACKTEST1";
    public const string SecretAccessKey = "opsLoopbackSecretKey/ForTestsOnly0000000";

    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, IFakeService> _services = new();
    private readonly Dictionary<string, ServiceModel> _models = new();
    private readonly Dictionary<string, Queue<(string Code, int Status)>> _faults = new();
    private readonly object _gate = new();
    private readonly Task _loop;
    private int _requestCounter;

    public LoopbackAwsEndpoint(params IFakeService[] services)
    {
        Verifier.AddKey(AccessKeyId, SecretAccessKey);
        foreach (var s in services)
        {
            _services[s.ModelName] = s;
            _models[s.ModelName] = BotocoreModels.Get(s.ModelName);
        }
        for (int attempt = 0; ; attempt++)
        {
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(Url);
            try { _listener.Start(); break; }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        _loop = Task.Run(Loop);
    }

    public string Url { get; }
    public string Region { get; set; } = "eu-west-2";
    public string Account { get; set; } = "123456789012";
    public SigV4Verifier Verifier { get; } = new();
    public Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;

    public List<RecordedCall> Calls { get; } = new();
    /// <summary>Requests or answers that broke the model (a test expects none).</summary>
    public List<string> ModelViolations { get; } = new();

    public ServiceModel Model(string service) => _models[service];

    /// <summary>The next <paramref name="times"/> calls of the operation fail with the error (throttling, 5xx).</summary>
    public void InjectFault(string operation, string code, int times = 1, int status = 400)
    {
        lock (_gate)
        {
            if (!_faults.TryGetValue(operation, out var q)) _faults[operation] = q = new();
            for (int i = 0; i < times; i++) q.Enqueue((code, status));
        }
    }

    public IReadOnlyList<RecordedCall> CallsSnapshot()
    {
        lock (_gate) return Calls.ToList();
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private async Task Loop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync().ConfigureAwait(false); }
            catch (Exception) { return; }
            _ = Task.Run(() => Serve(ctx));
        }
    }

    private void Serve(HttpListenerContext ctx)
    {
        try
        {
            using var ms = new MemoryStream();
            ctx.Request.InputStream.CopyTo(ms);
            var body = ms.ToArray();
            var headers = ctx.Request.Headers.AllKeys.Where(k => k != null).ToDictionary(k => k!, k => ctx.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var (status, contentType, responseBody, extra) = Handle(ctx.Request.HttpMethod, ctx.Request.Url!.AbsolutePath, ctx.Request.Url.Query, headers, body);
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = contentType;
            foreach (var (k, v) in extra) ctx.Response.Headers[k] = v;
            var bytes = Encoding.UTF8.GetBytes(responseBody);
            ctx.Response.ContentLength64 = bytes.Length;
            ctx.Response.OutputStream.Write(bytes);
            ctx.Response.Close();
        }
        catch (Exception e)
        {
            lock (_gate) ModelViolations.Add("endpoint failure: " + e.GetType().Name + ": " + e.Message);
            try { ctx.Response.StatusCode = 500; ctx.Response.Close(); } catch (Exception) { }
        }
    }

    /// <summary>Answers one HTTP request (also callable without a socket).</summary>
    public (int Status, string ContentType, string Body, Dictionary<string, string> Headers) Handle(string method, string path, string query, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        var requestId = $"00000000-0000-4000-8000-{Interlocked.Increment(ref _requestCounter):D12}";
        var extra = new Dictionary<string, string> { ["x-amzn-RequestId"] = requestId };
        var h = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);

        // Which service and protocol.
        ServiceModel model;
        IFakeService service;
        string operation;
        bool json = h.TryGetValue("X-Amz-Target", out var target);
        var sig = Verifier.Verify(method, path, query, h, body, UtcNow());
        if (json)
        {
            var dot = target!.LastIndexOf('.');
            var prefix = dot < 0 ? target : target[..dot];
            operation = dot < 0 ? "" : target[(dot + 1)..];
            model = _models.Values.FirstOrDefault(m => m.Protocol == "json" && m.TargetPrefix == prefix);
            if (model == null) return JsonError(400, "UnknownOperationException", $"no simulated service has the target prefix {prefix}", requestId, extra, null, null);
            service = _services[model.Name];
        }
        else
        {
            var scopeService = sig.Service ?? ScopeService(h);
            model = _models.Values.FirstOrDefault(m => m.Protocol == "query" && m.SigningName == scopeService);
            if (model == null) return (400, "text/plain", $"no simulated query service signs as '{scopeService}'", extra);
            service = _services[model.Name];
            operation = null;
        }
        string Record(string op, int status, string code)
        {
            lock (_gate) Calls.Add(new RecordedCall(model.Name, op, status, code));
            return code;
        }
        if (method != "POST") return Error(model, 400, "InvalidAction", "only POST is simulated", requestId, extra, Record(operation ?? "?", 400, "InvalidAction"));
        if (!sig.Ok)
            return Error(model, 403, json && sig.ErrorCode == "SignatureDoesNotMatch" ? "InvalidSignatureException" : sig.ErrorCode, sig.Message, requestId, extra, Record(operation ?? "?", 403, sig.ErrorCode));
        if (sig.Service != model.SigningName)
            return Error(model, 403, "InvalidSignatureException", $"Credential should be scoped to correct service: '{model.SigningName}'.", requestId, extra, Record(operation ?? "?", 403, "WrongService"));

        var errors = new List<string>();
        JsonObject input;
        if (json)
        {
            var expected = "application/x-amz-json-" + model.JsonVersion;
            if (!h.TryGetValue("Content-Type", out var ct) || !ct.StartsWith(expected, StringComparison.Ordinal))
                errors.Add($"Content-Type must be {expected}");
            if (model.Operation(operation) == null)
                return Error(model, 400, "UnknownOperationException", $"{model.Name} has no operation {operation}", requestId, extra, Record(operation, 400, "UnknownOperationException"));
            try
            {
                input = body.Length == 0 ? new JsonObject() : JsonNode.Parse(body) as JsonObject;
                if (input == null) { errors.Add("the body is not a JSON object"); input = new JsonObject(); }
            }
            catch (JsonException)
            {
                errors.Add("the body is not JSON");
                input = new JsonObject();
            }
            var inShape = (string)model.Operation(operation)!["input"]?["shape"];
            if (inShape != null && errors.Count == 0) errors.AddRange(ModelCodec.Validate(model, inShape, input, ""));
        }
        else
        {
            var form = ParseForm(Encoding.UTF8.GetString(body));
            if (!h.TryGetValue("Content-Type", out var ct) || !ct.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal))
                errors.Add("Content-Type must be application/x-www-form-urlencoded");
            form.TryGetValue("Action", out operation);
            operation ??= "";
            if (model.Operation(operation) == null)
                return Error(model, 400, "InvalidAction", $"The action {operation} is not valid for this web service.", requestId, extra, Record(operation, 400, "InvalidAction"));
            if (!form.TryGetValue("Version", out var version) || version != model.ApiVersion)
                errors.Add($"Version must be {model.ApiVersion}");
            var inShape = (string)model.Operation(operation)!["input"]?["shape"];
            input = inShape == null ? new JsonObject() : ModelCodec.ReadQuery(model, inShape, form, errors);
            if (inShape != null) errors.AddRange(ModelCodec.Validate(model, inShape, input, ""));
        }
        if (errors.Count > 0)
        {
            lock (_gate) ModelViolations.Add($"{model.Name}.{operation} request: {string.Join("; ", errors)}");
            return Error(model, 400, json ? "ValidationException" : "ValidationError", string.Join("; ", errors), requestId, extra, Record(operation, 400, "ValidationError"));
        }

        lock (_gate)
        {
            if (_faults.TryGetValue(operation, out var q) && q.Count > 0)
            {
                var (code, status) = q.Dequeue();
                return Error(model, status, code, "Rate exceeded", requestId, extra, Record(operation, status, code));
            }
        }

        JsonObject output;
        try
        {
            lock (_gate) output = service.Handle(operation, input, new FakeRequestContext { Region = Region, Account = Account, RequestId = requestId }) ?? new JsonObject();
        }
        catch (FakeAwsException e)
        {
            var status = e.Status;
            var shape = model.ErrorShape(e.Code);
            if (shape?["error"]?["httpStatusCode"] is JsonValue sc) status = sc.GetValue<int>();
            return Error(model, status, e.Code, e.Message, requestId, extra, Record(operation, status, e.Code));
        }
        var outShape = (string)model.Operation(operation)!["output"]?["shape"];
        if (outShape != null)
        {
            var outErrors = ModelCodec.Validate(model, outShape, output, "");
            if (outErrors.Count > 0)
            {
                lock (_gate) ModelViolations.Add($"{model.Name}.{operation} answer: {string.Join("; ", outErrors)}");
                return Error(model, 500, "InternalFailure", "the simulated answer broke the model: " + string.Join("; ", outErrors), requestId, extra, Record(operation, 500, "InternalFailure"));
            }
        }
        Record(operation, 200, null);
        return json
            ? (200, "application/x-amz-json-" + model.JsonVersion, output.ToJsonString(), extra)
            : (200, "text/xml", ModelCodec.WriteQueryResponse(model, operation, output, requestId), extra);
    }

    private static string ScopeService(Dictionary<string, string> h)
    {
        if (!h.TryGetValue("Authorization", out var auth)) return null;
        var i = auth.IndexOf("Credential=", StringComparison.Ordinal);
        if (i < 0) return null;
        var parts = auth[(i + 11)..].Split(',')[0].Split('/');
        return parts.Length == 5 ? parts[3] : null;
    }

    private (int, string, string, Dictionary<string, string>) Error(ServiceModel model, int status, string code, string message, string requestId, Dictionary<string, string> extra, string _)
    {
        if (model.Protocol == "json") return JsonError(status, code, message, requestId, extra, model, _);
        var type = status >= 500 ? "Receiver" : "Sender";
        return (status, "text/xml", ModelCodec.WriteQueryError(model, code, message, type, requestId), extra);
    }

    private static (int, string, string, Dictionary<string, string>) JsonError(int status, string code, string message, string requestId, Dictionary<string, string> extra, ServiceModel model, string _)
    {
        extra["x-amzn-ErrorType"] = code;
        var o = new JsonObject { ["__type"] = code, ["message"] = message };
        return (status, "application/x-amz-json-1.1", o.ToJsonString(), extra);
    }

    public static Dictionary<string, string> ParseForm(string s)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in s.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var i = pair.IndexOf('=');
            var k = Uri.UnescapeDataString((i < 0 ? pair : pair[..i]).Replace('+', ' '));
            var v = i < 0 ? "" : Uri.UnescapeDataString(pair[(i + 1)..].Replace('+', ' '));
            d[k] = v;
        }
        return d;
    }

    public void Dispose()
    {
        try { _listener.Stop(); _listener.Close(); } catch (Exception) { }
        try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (Exception) { }
    }
}
