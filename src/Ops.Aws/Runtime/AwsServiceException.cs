using System.Net;

namespace Ops.Aws.Runtime;

/// <summary>An error answered by an AWS service: the counterpart of the SDK's <c>AmazonServiceException</c>.
/// The message is the service's own; request bodies are never part of it.</summary>
public class AwsServiceException : Exception
{
    /// <summary>The error code an apply reports for a failed AWS call (AWS's own, e.g. AccessDeniedException), or null
    /// when <paramref name="e"/> is not an AWS error.</summary>
    public static string FailureCode(Exception e) => e is AwsServiceException a ? a.ErrorCode ?? "AwsError" : null;

    public AwsServiceException(string service, string operation, string errorCode, string message, HttpStatusCode statusCode, string requestId, string errorType = null)
        : base($"{service}.{operation}: {errorCode ?? "error"} ({(int)statusCode}){(string.IsNullOrEmpty(message) ? "" : ": " + message)}")
    {
        Service = service;
        Operation = operation;
        ErrorCode = errorCode;
        ServiceMessage = message;
        StatusCode = statusCode;
        RequestId = requestId;
        ErrorType = errorType;
    }

    public string Service { get; }
    public string Operation { get; }
    public string ErrorCode { get; }
    public string ServiceMessage { get; }
    public HttpStatusCode StatusCode { get; }
    public string RequestId { get; }
    /// <summary>Sender or Receiver (query protocol), when given.</summary>
    public string ErrorType { get; }
    public int Attempts { get; internal set; } = 1;

    public bool Is(string code) => string.Equals(ErrorCode, code, StringComparison.Ordinal);
}
