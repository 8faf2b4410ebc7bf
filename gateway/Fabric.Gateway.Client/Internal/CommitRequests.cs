using Fabric.Protos.Gateway;
using Google.Protobuf;

namespace Fabric.Gateway.Client.Internal;

internal static class CommitRequests
{
    /// <summary>An unsigned <c>gateway.SignedCommitStatusRequest</c> carrying the serialized CommitStatusRequest.</summary>
    public static SignedCommitStatusRequest Create(SigningIdentity signing, string channelName, string transactionId) => new()
    {
        Request = new CommitStatusRequest
        {
            TransactionId = transactionId,
            ChannelId = channelName,
            Identity = signing.Creator,
        }.ToByteString(),
    };

    public static string TransactionIdOf(SignedCommitStatusRequest request)
    {
        try
        {
            return CommitStatusRequest.Parser.ParseFrom(request.Request).TransactionId;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ArgumentException("The bytes are not a serialized gateway.SignedCommitStatusRequest.", nameof(request), e);
        }
    }
}
