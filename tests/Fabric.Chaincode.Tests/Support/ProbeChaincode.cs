using System.Globalization;
using System.Text;
using Fabric.Chaincode.Endorsement;
using Fabric.Chaincode.Identity;

namespace Fabric.Chaincode.Tests.Support;

/// <summary>
/// A low-level chaincode whose functions each exercise one part of the stub and report what they saw as text,
/// so protocol tests can drive every message type through a real server.
/// </summary>
internal sealed class ProbeChaincode(ProbeGate gate) : IChaincode
{

    public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken)
    {
        var (function, _) = stub.GetFunctionAndParameters();
        return Task.FromResult(function == "initFail" ? ChaincodeResponse.Failure("init refused") : ChaincodeResponse.Success(Text("initialized")));
    }

    public async Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken)
    {
        var (function, p) = stub.GetFunctionAndParameters();
        var ct = cancellationToken;
        switch (function)
        {
            case "put":
                await stub.PutStateAsync(p[0], Text(p[1]), ct);
                return Ok(string.Empty);
            case "putThenGet":
                await stub.PutStateAsync(p[0], Text(p[1]), ct);
                return Ok(Encoding.UTF8.GetString(await stub.GetStateAsync(p[0], ct) ?? []));
            case "get":
                return Ok(await stub.GetStateAsync(p[0], ct) is { } value ? Encoding.UTF8.GetString(value) : "<null>");
            case "del":
                await stub.DeleteStateAsync(p[0], ct);
                return Ok(string.Empty);
            case "range":
                return Ok(await Join(stub.GetStateByRange(p[0], p[1])));
            case "rangeFirst":
                await foreach (var kv in stub.GetStateByRange(p[0], p[1]).WithCancellation(ct))
                {
                    return Ok(kv.Key);
                }

                return Ok(string.Empty);
            case "rangePage":
            {
                await using var page = await stub.GetStateByRangeWithPaginationAsync(p[0], p[1], int.Parse(p[2], CultureInfo.InvariantCulture), p[3], ct);
                return Ok($"{await Join(page)}|{page.Metadata.FetchedRecordsCount}|{page.Metadata.Bookmark}");
            }

            case "partial":
                return Ok(await Join(stub.GetStateByPartialCompositeKey(p[0], p.Skip(1).ToArray())));
            case "partialPage":
            {
                await using var page = await stub.GetStateByPartialCompositeKeyWithPaginationAsync(p[0], [], 2, string.Empty, ct);
                return Ok($"{await Join(page)}|{page.Metadata.Bookmark}");
            }

            case "query":
                return Ok(await Join(stub.GetQueryResult(p[0])));
            case "queryPage":
            {
                await using var page = await stub.GetQueryResultWithPaginationAsync(p[0], 1, p[1], ct);
                return Ok($"{await Join(page)}|{page.Metadata.Bookmark}");
            }

            case "history":
            {
                var entries = new List<string>();
                await foreach (var modification in stub.GetHistoryForKey(p[0]).WithCancellation(ct))
                {
                    entries.Add($"{modification.TxId}:{Encoding.UTF8.GetString(modification.Value.Span)}:{modification.IsDelete}:{modification.Timestamp:O}");
                }

                return Ok(string.Join(';', entries));
            }

            case "pput":
                await stub.PutPrivateDataAsync(p[0], p[1], Text(p[2]), ct);
                return Ok(string.Empty);
            case "pget":
                return Ok(await stub.GetPrivateDataAsync(p[0], p[1], ct) is { } privateValue ? Encoding.UTF8.GetString(privateValue) : "<null>");
            case "phash":
                return Ok(Convert.ToHexString(await stub.GetPrivateDataHashAsync(p[0], p[1], ct) ?? []));
            case "pdel":
                await stub.DeletePrivateDataAsync(p[0], p[1], ct);
                return Ok(string.Empty);
            case "ppurge":
                await stub.PurgePrivateDataAsync(p[0], p[1], ct);
                return Ok(string.Empty);
            case "prange":
                return Ok(await Join(stub.GetPrivateDataByRange(p[0], p[1], p[2])));
            case "ppartial":
                return Ok(await Join(stub.GetPrivateDataByPartialCompositeKey(p[0], p[1], p.Skip(2).ToArray())));
            case "pquery":
                return Ok(await Join(stub.GetPrivateDataQueryResult(p[0], p[1])));
            case "setPolicy":
                await stub.SetStateValidationParameterAsync(p[0], new KeyEndorsementPolicy().AddOrganizations(EndorsementRole.Peer, p[1]).ToBytes(), ct);
                return Ok(string.Empty);
            case "getPolicy":
            {
                var policy = await stub.GetStateValidationParameterAsync(p[0], ct);
                return Ok(policy is null ? "<none>" : string.Join(',', new KeyEndorsementPolicy(policy).Organizations));
            }

            case "setPrivatePolicy":
                await stub.SetPrivateDataValidationParameterAsync(p[0], p[1], new KeyEndorsementPolicy().AddOrganizations(EndorsementRole.Member, p[2]).ToBytes(), ct);
                return Ok(string.Join(',', new KeyEndorsementPolicy(await stub.GetPrivateDataValidationParameterAsync(p[0], p[1], ct) ?? []).Organizations));
            case "event":
                stub.SetEvent(p[0], Text(p[1]));
                return Ok(string.Empty);
            case "call":
            {
                var response = await stub.InvokeChaincodeAsync(p[0], p.Skip(2).Select(Encoding.UTF8.GetBytes).ToArray(), p[1].Length == 0 ? null : p[1], ct);
                return Ok($"{response.Status}:{response.Message}:{Encoding.UTF8.GetString(response.Payload.Span)}");
            }

            case "proposal":
            {
                var identity = ClientIdentity.FromCreator(stub.Creator.Span);
                var transient = string.Join(',', stub.Transient.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={Encoding.UTF8.GetString(t.Value)}"));
                return Ok(string.Join('|', stub.TxId, stub.ChannelId, stub.TxTimestamp.ToString("O", CultureInfo.InvariantCulture),
                    identity.MspId, Convert.ToHexString(stub.Binding.Span), transient, stub.LocalMspId, stub.SignedProposal is not null));
            }

            case "throw":
                throw new InvalidOperationException("the chaincode broke");
            case "conflict":
                throw ChaincodeException.Conflict("asset already exists");
            case "wait":
                gate.Entered.TrySetResult();
                await gate.Opened.Task.WaitAsync(ct);
                await stub.PutStateAsync(p[0], Text("after-wait"), ct);
                return Ok("waited");
            default:
                return ChaincodeResponse.Failure($"unknown function {function}", 400);
        }
    }

    private static byte[] Text(string value) => Encoding.UTF8.GetBytes(value);

    private static ChaincodeResponse Ok(string text) => ChaincodeResponse.Success(Text(text));

    private static async Task<string> Join(IAsyncEnumerable<KeyValue> results)
    {
        var items = new List<string>();
        await foreach (var kv in results)
        {
            items.Add($"{kv.Key.Replace("\0", "/", StringComparison.Ordinal)}={Encoding.UTF8.GetString(kv.Value.Span)}");
        }

        return string.Join(';', items);
    }
}

/// <summary>Holds "wait" transactions until the test opens it.</summary>
internal sealed class ProbeGate
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
