using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabric.DevNetwork.Protocol;
using Fabric.Protos.Common;
using Fabric.Protos.Gateway;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace Fabric.DevNetwork.Tests.TestDoubles;

/// <summary>
/// A minimal gateway client for the dev network's own tests: builds and signs proposals and transactions the way
/// Fabric clients do, over TLS verified against the peer organization's TLS CA.
/// </summary>
internal sealed class TestGatewayClient : IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);
    private readonly GrpcChannel _channel;

    public TestGatewayClient(string address, string tlsCaPath, TestIdentity identity)
    {
        Identity = identity;
        var root = X509CertificateLoader.LoadCertificateFromFile(tlsCaPath);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is null)
                    {
                        return false;
                    }

                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(root);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(certificate));
                },
            },
        };
        _channel = GrpcChannel.ForAddress($"https://{address}", new GrpcChannelOptions { HttpHandler = handler });
        Gateway = new Protos.Gateway.Gateway.GatewayClient(_channel);
        Deliver = new Protos.Peer.Deliver.DeliverClient(_channel);
    }

    public TestIdentity Identity { get; }

    public Protos.Gateway.Gateway.GatewayClient Gateway { get; }

    public Protos.Peer.Deliver.DeliverClient Deliver { get; }

    public static CallOptions Options => new(deadline: DateTime.UtcNow.Add(CallTimeout));

    public (SignedProposal Proposal, string TxId) NewProposal(string channelId, string chaincode, IReadOnlyDictionary<string, byte[]>? transient, params string[] args)
    {
        var nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24));
        var txId = ParsedEnvelope.ComputeTxId(nonce, Identity.Serialized);
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = channelId,
            TxId = txId,
            Timestamp = Timestamp.FromDateTime(DateTime.UtcNow),
            Extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = chaincode } }.ToByteString(),
        };
        var signatureHeader = new SignatureHeader { Creator = Identity.Serialized, Nonce = nonce };
        var input = new ChaincodeInput();
        input.Args.AddRange(args.Select(ByteString.CopyFromUtf8));
        var payload = new ChaincodeProposalPayload
        {
            Input = new ChaincodeInvocationSpec
            {
                ChaincodeSpec = new ChaincodeSpec { Type = ChaincodeSpec.Types.Type.Node, ChaincodeId = new ChaincodeID { Name = chaincode }, Input = input },
            }.ToByteString(),
        };
        foreach (var (key, value) in transient ?? new Dictionary<string, byte[]>())
        {
            payload.TransientMap[key] = ByteString.CopyFrom(value);
        }

        var proposal = new Proposal
        {
            Header = new Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = signatureHeader.ToByteString() }.ToByteString(),
            Payload = payload.ToByteString(),
        };
        var bytes = proposal.ToByteString();
        return (new SignedProposal { ProposalBytes = bytes, Signature = Identity.Sign(bytes) }, txId);
    }

    public async Task<Envelope> EndorseAsync(string channelId, SignedProposal proposal, string txId, params string[] endorsingOrganizations)
    {
        var request = new EndorseRequest { ChannelId = channelId, TransactionId = txId, ProposedTransaction = proposal };
        request.EndorsingOrganizations.AddRange(endorsingOrganizations);
        var response = await Gateway.EndorseAsync(request, Options);
        var envelope = response.PreparedTransaction;
        envelope.Signature = Identity.Sign(envelope.Payload);
        return envelope;
    }

    public async Task SubmitAsync(string channelId, string txId, Envelope envelope) =>
        await Gateway.SubmitAsync(new SubmitRequest { ChannelId = channelId, TransactionId = txId, PreparedTransaction = envelope }, Options);

    public async Task<CommitStatusResponse> CommitStatusAsync(string channelId, string txId)
    {
        var request = new CommitStatusRequest { ChannelId = channelId, TransactionId = txId, Identity = Identity.Serialized }.ToByteString();
        return await Gateway.CommitStatusAsync(new SignedCommitStatusRequest { Request = request, Signature = Identity.Sign(request) }, Options);
    }

    /// <summary>Endorse, submit and wait for the commit status.</summary>
    public async Task<(CommitStatusResponse Status, string TxId)> SubmitTransactionAsync(string channelId, string chaincode, params string[] args)
    {
        var (proposal, txId) = NewProposal(channelId, chaincode, null, args);
        var envelope = await EndorseAsync(channelId, proposal, txId);
        await SubmitAsync(channelId, txId, envelope);
        return (await CommitStatusAsync(channelId, txId), txId);
    }

    public async Task<Response> EvaluateAsync(string channelId, string chaincode, params string[] args)
    {
        var (proposal, txId) = NewProposal(channelId, chaincode, null, args);
        var response = await Gateway.EvaluateAsync(new EvaluateRequest { ChannelId = channelId, TransactionId = txId, ProposedTransaction = proposal }, Options);
        return response.Result;
    }

    public void Dispose() => _channel.Dispose();
}
