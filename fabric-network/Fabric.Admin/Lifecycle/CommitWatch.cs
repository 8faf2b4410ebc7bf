using System.Security.Cryptography;
using Fabric.Protos.Common;
using Fabric.Protos.Orderer;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Status = Fabric.Protos.Common.Status;
using DeliverResponse = Fabric.Protos.Peer.DeliverResponse;

namespace Fabric.Admin.Lifecycle;

/// <summary>
/// Watches one peer's filtered block stream (<c>protos.Deliver/DeliverFiltered</c>) for a transaction, as the peer
/// CLI's deliver group does: a signed DELIVER_SEEK_INFO request from the newest block on, blocking until blocks
/// arrive. It is opened before the transaction is sent, and only counts as open once the peer delivered the newest
/// block, so the transaction's block cannot slip past it.
/// </summary>
internal sealed class CommitWatch : IDisposable
{
    private readonly AsyncDuplexStreamingCall<Envelope, DeliverResponse> _call;
    private readonly PeerClient _peer;

    private CommitWatch(PeerClient peer, AsyncDuplexStreamingCall<Envelope, DeliverResponse> call)
    {
        _peer = peer;
        _call = call;
    }

    public static async Task<CommitWatch> OpenAsync(PeerClient peer, AdminSigner signer, TimeProvider time, string channelId, CancellationToken cancellationToken)
    {
        var call = peer.Deliver.DeliverFiltered(cancellationToken: cancellationToken);
        var watch = new CommitWatch(peer, call);
        try
        {
            var request = await CreateSeekRequestAsync(signer, time, channelId, peer.Endpoint.ClientCertificateHash(), cancellationToken).ConfigureAwait(false);
            await call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            await watch.NextBlockAsync(cancellationToken).ConfigureAwait(false);
            return watch;
        }
        catch (RpcException e)
        {
            watch.Dispose();
            throw LifecycleErrors.FromRpc(e, peer.Name, cancellationToken);
        }
        catch
        {
            watch.Dispose();
            throw;
        }
    }

    /// <summary>Waits until the transaction is in a block on this peer; fails if the peer marked it invalid.</summary>
    public async Task WaitForAsync(string transactionId, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var block = await NextBlockAsync(cancellationToken).ConfigureAwait(false);
                var transaction = block.FilteredTransactions.FirstOrDefault(t => t.Txid == transactionId);
                if (transaction is null)
                {
                    continue;
                }

                if (transaction.TxValidationCode != TxValidationCode.Valid)
                {
                    throw new AdminException(AdminErrorKind.Rejected,
                        $"transaction {transactionId} was committed as invalid on {_peer.Name}: {transaction.TxValidationCode}");
                }

                return;
            }
        }
        catch (RpcException e)
        {
            throw LifecycleErrors.FromRpc(e, _peer.Name, cancellationToken);
        }
    }

    private async Task<FilteredBlock> NextBlockAsync(CancellationToken cancellationToken)
    {
        if (!await _call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            throw new AdminException(AdminErrorKind.Rejected, $"{_peer.Name} closed its block stream");
        }

        var response = _call.ResponseStream.Current;
        return response.TypeCase switch
        {
            DeliverResponse.TypeOneofCase.FilteredBlock => response.FilteredBlock,
            DeliverResponse.TypeOneofCase.Status => throw new AdminException(
                response.Status == Status.Forbidden ? AdminErrorKind.PermissionDenied : AdminErrorKind.Rejected,
                $"{_peer.Name} refused to deliver blocks: {response.Status}"),
            _ => throw new AdminException(AdminErrorKind.Rejected, $"{_peer.Name} sent an unexpected deliver response ({response.TypeCase})"),
        };
    }

    private static async Task<Envelope> CreateSeekRequestAsync(AdminSigner signer, TimeProvider time, string channelId, byte[]? tlsCertHash, CancellationToken cancellationToken)
    {
        var seekInfo = new SeekInfo
        {
            Start = new SeekPosition { Newest = new SeekNewest() },
            Stop = new SeekPosition { Specified = new SeekSpecified { Number = ulong.MaxValue } },
            Behavior = SeekInfo.Types.SeekBehavior.BlockUntilReady,
        };
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.DeliverSeekInfo,
            ChannelId = channelId,
            Timestamp = new Timestamp { Seconds = time.GetUtcNow().ToUnixTimeSeconds() },
            Epoch = 0,
        };
        if (tlsCertHash is not null)
        {
            channelHeader.TlsCertHash = ByteString.CopyFrom(tlsCertHash);
        }

        var payload = new Payload
        {
            Header = new Header
            {
                ChannelHeader = channelHeader.ToByteString(),
                SignatureHeader = new SignatureHeader { Creator = signer.Creator, Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)) }.ToByteString(),
            },
            Data = seekInfo.ToByteString(),
        }.ToByteString();
        return new Envelope { Payload = payload, Signature = await signer.SignAsync(payload, cancellationToken).ConfigureAwait(false) };
    }

    public void Dispose() => _call.Dispose();
}
