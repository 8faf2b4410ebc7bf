using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.Chaincode.Internal;

internal sealed partial class PeerSession
{
    /// <summary>Runs one TRANSACTION or INIT and answers it with exactly one COMPLETED or ERROR.</summary>
    private async Task RunInvocationAsync(ChaincodeMessage message, TransactionContext transaction)
    {
        var key = transaction.Key;
        ChaincodeMessage answer;
        try
        {
            ChaincodeLog.TransactionStarted(_logger, key.ChannelId, key.TxId, message.Type);
            answer = await InvokeAsync(message, transaction).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure of chaincode code must become an ERROR for this transaction, never end the server.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ChaincodeLog.TransactionFailed(_logger, key.ChannelId, key.TxId, ex);
            answer = ErrorMessage(key.ChannelId, key.TxId, ex.Message);
        }
        finally
        {
            _transactions.TryRemove(key, out _);
            transaction.Dispose();
        }

        Enqueue(answer);
        if (Interlocked.Decrement(ref _inFlight) == 0 && _shuttingDown)
        {
            Volatile.Read(ref _drained)?.TrySetResult();
        }
    }

    private async Task<ChaincodeMessage> InvokeAsync(ChaincodeMessage message, TransactionContext transaction)
    {
        var key = transaction.Key;
        ChaincodeInput input;
        ProposalContext proposal;
        try
        {
            input = ChaincodeInput.Parser.ParseFrom(message.Payload);
            proposal = ProposalContext.From(message.Proposal);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidDataException)
        {
            return ErrorMessage(key.ChannelId, key.TxId, $"Failed to decode the invocation: {ex.Message}");
        }

        var stub = new PeerChaincodeStub(transaction, input, message.Proposal, proposal, _localMspId);
        var isInit = message.Type == ChaincodeMessage.Types.Type.Init;
        ChaincodeResponse response;
        try
        {
            var cancellation = _transactionsAborted.Token;
            response = isInit
                ? await _chaincode.InitAsync(stub, cancellation).ConfigureAwait(false)
                : await _chaincode.InvokeAsync(stub, cancellation).ConfigureAwait(false);
        }
        catch (ChaincodeException ex)
        {
            response = new ChaincodeResponse(ex.Status, ex.Message, ex.Payload);
        }

        ChaincodeLog.TransactionCompleted(_logger, key.ChannelId, key.TxId, response.Status);
        if (isInit && response.Status >= ChaincodeResponse.Error)
        {
            // As the Go shim does: a failed Init is reported as a protocol ERROR carrying the message.
            var error = ErrorMessage(key.ChannelId, key.TxId, response.Message);
            error.ChaincodeEvent = stub.Event;
            return error;
        }

        var completed = new ChaincodeMessage
        {
            Type = ChaincodeMessage.Types.Type.Completed,
            Payload = new Response
            {
                Status = response.Status,
                Message = response.Message ?? string.Empty,
                Payload = ByteString.CopyFrom(response.Payload.Span),
            }.ToByteString(),
            Txid = key.TxId,
            ChannelId = key.ChannelId,
        };
        if (stub.Event is { } chaincodeEvent)
        {
            completed.ChaincodeEvent = chaincodeEvent;
        }

        return completed;
    }
}
