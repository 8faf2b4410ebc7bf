using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fabric.Gateway.Api.Fabric;
using Fabric.Gateway.Client;
using Fabric.Protos.Peer;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;

namespace Fabric.Gateway.Api.Errors;

/// <summary>
/// Turns every exception an endpoint can raise into the API's ProblemDetails. Chaincode refusals arrive as endorser
/// messages that Fabric's gateway words <c>chaincode response &lt;status&gt;, &lt;message&gt;</c>
/// (internal/pkg/gateway, <c>responseStatus</c>); the status decides the HTTP answer: 400 bad input, 403, 404, 409,
/// 422 business rule, 5xx chaincode failure (502).
/// </summary>
internal static partial class ExceptionMapper
{
    public static ProblemDetails Map(Exception exception) => exception switch
    {
        RequestValidationException e => Problems.CreateValidation(e.Field, e.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            Problems.Create(ProblemKind.PayloadTooLarge, "The request body exceeds the configured limit."),
        BadHttpRequestException { InnerException: JsonException json } => JsonProblem(json),
        BadHttpRequestException e => Problems.Create(ProblemKind.Validation, e.Message),
        JsonException e => JsonProblem(e),
        UnknownBusinessNetworkException e => Problems.Create(ProblemKind.NotFound, e.Message),
        TransactionNotCommittedException e => NotCommitted(e),
        GatewayException e => Fabric(e),
        _ => Problems.Create(ProblemKind.Internal, "The gateway failed unexpectedly; the trace ID identifies the failure in its logs."),
    };

    /// <summary>The chaincode status and message in a Fabric endorser message, if it holds one.</summary>
    public static (int Status, string Message)? ChaincodeResponse(string text)
    {
        var match = ChaincodeResponsePattern().Match(text);
        return match.Success
            ? (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value)
            : null;
    }

    private static ProblemDetails JsonProblem(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) ? "body" : json.Path;
        return Problems.CreateValidation(field, $"The JSON body is malformed or has a wrong type at '{field}'.");
    }

    private static ProblemDetails NotCommitted(TransactionNotCommittedException e)
    {
        var problem = Problems.Create(ProblemKind.Timeout, e.Message);
        problem.Extensions["transactionId"] = e.TransactionId;
        problem.Extensions["statusUrl"] = "/api/transactions/" + e.TransactionId;
        return problem;
    }

    private static ProblemDetails Fabric(GatewayException exception)
    {
        ProblemDetails problem;
        if (exception is CommitException commit)
        {
            problem = commit.ValidationCode is TxValidationCode.MvccReadConflict or TxValidationCode.PhantomReadConflict
                ? Problems.Create(ProblemKind.MvccConflict, $"Transaction {commit.TransactionId} lost to concurrent updates ({commit.ValidationCode}) after every retry.")
                : Problems.Create(ProblemKind.TransactionInvalid, $"Transaction {commit.TransactionId} was committed as invalid ({commit.ValidationCode}).");
            problem.Extensions["validationCode"] = commit.ValidationCode.ToString();
            problem.Extensions["blockNumber"] = commit.BlockNumber;
        }
        else if (ChaincodeResponse(exception) is { } response)
        {
            problem = response.Status switch
            {
                400 => Problems.Create(ProblemKind.Validation, response.Message),
                401 or 403 => Problems.Create(ProblemKind.Forbidden, response.Message),
                404 => Problems.Create(ProblemKind.NotFound, response.Message),
                409 => Problems.Create(ProblemKind.Conflict, response.Message),
                >= 400 and < 500 => Problems.Create(ProblemKind.BusinessRule, response.Message),
                _ => Problems.Create(ProblemKind.ChaincodeFailure, response.Message),
            };
            problem.Extensions["chaincodeStatus"] = response.Status;
        }
        else
        {
            problem = exception.StatusCode switch
            {
                StatusCode.Unavailable => Problems.Create(ProblemKind.FabricUnavailable, "No peer of the organization could be reached."),
                StatusCode.DeadlineExceeded => Problems.Create(ProblemKind.Timeout, "Fabric did not answer in time."),
                _ => Problems.Create(ProblemKind.FabricError, $"Fabric refused the request ({exception.StatusCode?.ToString() ?? "no status"})."),
            };
        }

        if (exception is TransactionException { TransactionId.Length: > 0 } transaction)
        {
            problem.Extensions["transactionId"] = transaction.TransactionId;
        }

        if (exception.Details.Count > 0)
        {
            problem.Extensions["endorsers"] = exception.Details
                .Select(d => new EndorserProblem(d.Address, d.MspId, d.Message))
                .ToArray();
        }

        return problem;
    }

    /// <summary>The chaincode's status and message behind a Fabric failure (an endorser's detail or the call's own status), if any.</summary>
    public static (int Status, string Message)? ChaincodeResponse(GatewayException exception)
    {
        foreach (var detail in exception.Details)
        {
            if (ChaincodeResponse(detail.Message) is { } found)
            {
                return found;
            }
        }

        return exception.InnerException is RpcException rpc ? ChaincodeResponse(rpc.Status.Detail) : null;
    }

    [GeneratedRegex(@"chaincode response (\d{3}), (.*)\z", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ChaincodeResponsePattern();
}

/// <summary>One endorser (or orderer) that failed, in the <c>endorsers</c> extension of a problem.</summary>
public sealed record EndorserProblem(string Address, string MspId, string Message);
