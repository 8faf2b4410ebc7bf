using System.Text;
using Fabric.DevNetwork.Tests.TestDoubles;
using Fabric.Protos.Gateway;
using Fabric.Protos.Peer;
using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;

namespace Fabric.DevNetwork.Tests.Peer;

/// <summary>
/// The gateway, endorser, orderer and committer end to end over TLS gRPC, with the scripted chaincode. The tests share
/// one network (each uses its own keys), as starting one costs about a second.
/// </summary>
public sealed class GatewayServiceTests(SharedTestNetwork shared) : IClassFixture<SharedTestNetwork>
{
    private readonly TestNetwork _network = shared.Network;

    [Fact]
    public async Task Submit_ValidTransaction_CommitsOnEveryPeerAndEvaluateReadsIt()
    {
        using var client = _network.Client();

        var (status, _) = await client.SubmitTransactionAsync(TestNetwork.Channel, TestNetwork.Chaincode, "put", "asset1", "blue");

        status.Result.Should().Be(TxValidationCode.Valid);
        status.BlockNumber.Should().BeGreaterThan(0);
        using var org2 = _network.Client("Org2MSP");
        await org2.CommitStatusAsync(TestNetwork.Channel, (await org2.SubmitTransactionAsync(TestNetwork.Channel, TestNetwork.Chaincode, "put", "asset2", "red")).TxId);
        (await org2.EvaluateAsync(TestNetwork.Channel, TestNetwork.Chaincode, "get", "asset1")).Payload.ToStringUtf8().Should().Be("blue");
    }

    [Fact]
    public async Task Submit_TwoTransactionsReadingTheSameVersion_SecondIsMvccReadConflict()
    {
        using var client = _network.Client();
        var (first, firstTxId) = client.NewProposal(TestNetwork.Channel, TestNetwork.Chaincode, null, "put", "contested", "a");
        var (second, secondTxId) = client.NewProposal(TestNetwork.Channel, TestNetwork.Chaincode, null, "put", "contested", "b");
        var firstEnvelope = await client.EndorseAsync(TestNetwork.Channel, first, firstTxId);
        var secondEnvelope = await client.EndorseAsync(TestNetwork.Channel, second, secondTxId);

        await client.SubmitAsync(TestNetwork.Channel, firstTxId, firstEnvelope);
        await client.SubmitAsync(TestNetwork.Channel, secondTxId, secondEnvelope);

        (await client.CommitStatusAsync(TestNetwork.Channel, firstTxId)).Result.Should().Be(TxValidationCode.Valid);
        (await client.CommitStatusAsync(TestNetwork.Channel, secondTxId)).Result.Should().Be(TxValidationCode.MvccReadConflict);
        (await client.EvaluateAsync(TestNetwork.Channel, TestNetwork.Chaincode, "get", "contested")).Payload.ToStringUtf8().Should().Be("a");
    }

    [Fact]
    public async Task Submit_RangeChangedAfterEndorsement_IsPhantomReadConflict()
    {
        using var client = _network.Client();
        await client.SubmitTransactionAsync(TestNetwork.Channel, TestNetwork.Chaincode, "put", "range-a", "1");
        var (scan, scanTxId) = client.NewProposal(TestNetwork.Channel, TestNetwork.Chaincode, null, "range", "range-", "range-z");
        var scanEnvelope = await client.EndorseAsync(TestNetwork.Channel, scan, scanTxId);

        await client.SubmitTransactionAsync(TestNetwork.Channel, TestNetwork.Chaincode, "put", "range-b", "2");
        await client.SubmitAsync(TestNetwork.Channel, scanTxId, scanEnvelope);

        (await client.CommitStatusAsync(TestNetwork.Channel, scanTxId)).Result.Should().Be(TxValidationCode.PhantomReadConflict);
    }

    [Fact]
    public async Task Submit_EndorsedByOneOrgOnly_IsEndorsementPolicyFailure()
    {
        using var client = _network.Client();
        var (proposal, txId) = client.NewProposal(TestNetwork.Channel, TestNetwork.Chaincode, null, "put", "lonely", "x");
        var envelope = await client.EndorseAsync(TestNetwork.Channel, proposal, txId, "Org1MSP");

        await client.SubmitAsync(TestNetwork.Channel, txId, envelope);

        (await client.CommitStatusAsync(TestNetwork.Channel, txId)).Result.Should().Be(TxValidationCode.EndorsementPolicyFailure);
    }

    [Fact]
    public async Task Submit_SameTransactionTwice_SecondCopyIsDuplicateTxId()
    {
        using var client = _network.Client();
        var (proposal, txId) = client.NewProposal(TestNetwork.Channel, TestNetwork.Chaincode, null, "put", "twice", "x");
        var envelope = await client.EndorseAsync(TestNetwork.Channel, proposal, txId);
        await client.SubmitAsync(TestNetwork.Channel, txId, envelope);
        var status = await client.CommitStatusAsync(TestNetwork.Channel, txId);

        await client.SubmitAsync(TestNetwork.Channel, txId, envelope);
        var (_, marker) = await client.SubmitTransactionAsync(TestNetwork.Channel, TestNetwork.Chaincode, "put", "after-twice", "y");

        status.Result.Should().Be(TxValidationCode.Valid);
        var store = _network.Host.Peers[0].Channels[TestNetwork.Channel].Store;
        var codes = Enumerable.Range(0, (int)store.Height).SelectMany(n => store.GetBlock((ulong)n)!.Metadata.Metadata[2].ToByteArray()).ToList();
        codes.Count(c => c == (byte)TxValidationCode.DuplicateTxid).Should().Be(1);
        marker.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Submit_KeyWithStateBasedPolicy_NeedsTheKeyPolicyNotTheChaincodePolicy()
    {
        using var client = _network.Client();
        (await client.SubmitTransactionAsync(TestNetwork.Channel, TestNetwork.Chaincode, "keyPolicy", "sbe", "Org2MSP")).Status.Result.Should().Be(TxValidationCode.Valid);

        var (byOrg1, org1TxId) = client.NewProposal(TestNetwork.Channel, TestNetwork.Chaincode, null, "put", "sbe", "by-org1");
        await client.SubmitAsync(TestNetwork.Channel, org1TxId, await client.EndorseAsync(TestNetwork.Channel, byOrg1, org1TxId, "Org1MSP"));
        var (byOrg2, org2TxId) = client.NewProposal(TestNetwork.Channel, TestNetwork.Chaincode, null, "put", "sbe", "by-org2");
        await client.SubmitAsync(TestNetwork.Channel, org2TxId, await client.EndorseAsync(TestNetwork.Channel, byOrg2, org2TxId, "Org2MSP"));

        (await client.CommitStatusAsync(TestNetwork.Channel, org1TxId)).Result.Should().Be(TxValidationCode.EndorsementPolicyFailure);
        (await client.CommitStatusAsync(TestNetwork.Channel, org2TxId)).Result.Should().Be(TxValidationCode.Valid);
        (await client.SubmitTransactionAsync(TestNetwork.Channel, TestNetwork.Chaincode, "put", "sbe", "gateway-chooses")).Status.Result
            .Should().Be(TxValidationCode.Valid, "the gateway adds the organization the key-level policy names");
    }

    [Fact]
    public async Task Evaluate_ChaincodeReturnsError_IsUnknownWithEndorserDetail()
    {
        using var client = _network.Client();

        var act = () => client.EvaluateAsync(TestNetwork.Channel, TestNetwork.Chaincode, "fail");

        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Unknown);
        error.Status.Detail.Should().Be("evaluate call to endorser returned error: chaincode response 500, deliberate failure");
        var detail = Details(error).Single();
        detail.MspId.Should().Be("Org1MSP");
        detail.Address.Should().Be(_network.PeerAddress("Org1MSP"));
        detail.Message.Should().Be("chaincode response 500, deliberate failure");
    }

    [Fact]
    public async Task Endorse_ChaincodeReturnsError_IsAbortedWithEndorserDetail()
    {
        using var client = _network.Client();
        var (proposal, txId) = client.NewProposal(TestNetwork.Channel, TestNetwork.Chaincode, null, "fail");

        var act = () => client.EndorseAsync(TestNetwork.Channel, proposal, txId);

        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Aborted);
        error.Status.Detail.Should().Be("failed to endorse transaction, see attached details for more info");
        Details(error).Single().Message.Should().Be("chaincode response 500, deliberate failure");
    }

    [Fact]
    public async Task Endorse_NonDeterministicChaincode_IsAbortedWithPayloadMismatch()
    {
        using var client = _network.Client();
        var (proposal, txId) = client.NewProposal(TestNetwork.Channel, TestNetwork.Chaincode, null, "random", "dice");

        var act = () => client.EndorseAsync(TestNetwork.Channel, proposal, txId);

        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Aborted);
        var detail = Details(error).Single();
        detail.Message.Should().Be("ProposalResponsePayloads do not match");
        detail.MspId.Should().Be("Org2MSP");
    }

    [Fact]
    public async Task Evaluate_UnknownChaincode_IsFailedPrecondition()
    {
        using var client = _network.Client();

        var act = () => client.EvaluateAsync(TestNetwork.Channel, "missing", "get", "x");

        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        error.Status.Detail.Should().Be("no peers available to evaluate chaincode missing in channel mychannel");
    }

    [Fact]
    public async Task Submit_PrivateData_StoredOnlyOnMemberPeersAndOnlyHashedInBlocks()
    {
        using var client = _network.Client();
        const string secret = "the-price-is-42";
        var (proposal, txId) = client.NewProposal(TestNetwork.Channel, TestNetwork.Chaincode,
            new Dictionary<string, byte[]> { ["value"] = Encoding.UTF8.GetBytes(secret) }, "putPrivate", "org1Only", "deal");
        var envelope = await client.EndorseAsync(TestNetwork.Channel, proposal, txId);
        await client.SubmitAsync(TestNetwork.Channel, txId, envelope);

        var status = await client.CommitStatusAsync(TestNetwork.Channel, txId);
        // The status is Org1's peer's; Org2's peer commits the same block on its own schedule.
        await UntilEveryPeerHasCommittedAsync(status.BlockNumber);

        status.Result.Should().Be(TxValidationCode.Valid);
        _network.WorldStates["Org1MSP/mychannel"].GetPrivateData("basic", "org1Only", "deal")!.Value.Should().Equal(Encoding.UTF8.GetBytes(secret));
        _network.WorldStates["Org2MSP/mychannel"].GetPrivateData("basic", "org1Only", "deal").Should().BeNull();
        _network.WorldStates["Org2MSP/mychannel"].GetPrivateDataHash("basic", "org1Only", InMemoryWorldState.Hash("deal")).Should().NotBeNull();
        foreach (var peer in _network.Host.Peers)
        {
            var block = peer.Channels[TestNetwork.Channel].Store.GetBlock(status.BlockNumber)!;
            Encoding.UTF8.GetString(block.ToByteArray()).Should().NotContain(secret);
        }
    }

    private async Task UntilEveryPeerHasCommittedAsync(ulong blockNumber)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (_network.WorldStates.Values.Any(state => state.LastBlockNumber is not { } last || last < blockNumber))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not every peer committed block {blockNumber} within 30 s.");
            }

            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Restart_AfterCommits_RebuildsStateAndPrivateDataFromBlockFiles()
    {
        using (var client = _network.Client())
        {
            await client.SubmitTransactionAsync(TestNetwork.Channel, TestNetwork.Chaincode, "put", "durable", "yes");
            var (proposal, txId) = client.NewProposal(TestNetwork.Channel, TestNetwork.Chaincode,
                new Dictionary<string, byte[]> { ["value"] = "s3cret"u8.ToArray() }, "putPrivate", "sharedCollection", "shared");
            await client.SubmitAsync(TestNetwork.Channel, txId, await client.EndorseAsync(TestNetwork.Channel, proposal, txId));
            (await client.CommitStatusAsync(TestNetwork.Channel, txId)).Result.Should().Be(TxValidationCode.Valid);
        }

        await _network.RestartAsync();

        using var after = _network.Client("Org2MSP");
        (await after.EvaluateAsync(TestNetwork.Channel, TestNetwork.Chaincode, "get", "durable")).Payload.ToStringUtf8().Should().Be("yes");
        (await after.EvaluateAsync(TestNetwork.Channel, TestNetwork.Chaincode, "getPrivate", "sharedCollection", "shared")).Payload.ToStringUtf8().Should().Be("s3cret");
        (await after.SubmitTransactionAsync(TestNetwork.Channel, TestNetwork.Chaincode, "put", "durable", "still")).Status.Result.Should().Be(TxValidationCode.Valid);
    }

    [Fact]
    public async Task PurgePrivateData_RemovesTheValueFromEveryPeersPrivateStore_AndItStaysGoneAfterRestart()
    {
        using (var client = _network.Client())
        {
            await PutPrivateAsync(client, "purged-key", "purge-me-4f2a");
            await PutPrivateAsync(client, "kept-key", "keep-me-9c1e");
            var (status, txId) = await client.SubmitTransactionAsync(TestNetwork.Channel, TestNetwork.Chaincode, "purgePrivate", "sharedCollection", "purged-key");
            status.Result.Should().Be(TxValidationCode.Valid);
            using var org2 = _network.Client("Org2MSP");
            (await org2.CommitStatusAsync(TestNetwork.Channel, txId)).Result.Should().Be(TxValidationCode.Valid);
        }

        var stores = Directory.EnumerateFiles(_network.DataDirectory, "pvtdata.dat", SearchOption.AllDirectories)
            .Where(path => path.Contains("peer0.", StringComparison.Ordinal)).ToList();
        stores.Should().HaveCount(2, "both organizations' peers are members of sharedCollection");
        foreach (var store in stores)
        {
            var bytes = File.ReadAllBytes(store);
            bytes.AsSpan().IndexOf("purge-me-4f2a"u8).Should().Be(-1, $"{store} must not keep a purged value");
            bytes.AsSpan().IndexOf("keep-me-9c1e"u8).Should().BeGreaterThanOrEqualTo(0, $"{store} keeps the other key");
        }

        await _network.RestartAsync();

        using var after = _network.Client("Org2MSP");
        (await after.EvaluateAsync(TestNetwork.Channel, TestNetwork.Chaincode, "getPrivate", "sharedCollection", "kept-key")).Payload.ToStringUtf8().Should().Be("keep-me-9c1e");
        var purged = () => after.EvaluateAsync(TestNetwork.Channel, TestNetwork.Chaincode, "getPrivate", "sharedCollection", "purged-key");
        (await purged.Should().ThrowAsync<RpcException>()).Which.Status.Detail.Should().Contain("private asset purged-key not found");
    }

    private static async Task PutPrivateAsync(TestGatewayClient client, string key, string value)
    {
        var (proposal, txId) = client.NewProposal(TestNetwork.Channel, TestNetwork.Chaincode,
            new Dictionary<string, byte[]> { ["value"] = Encoding.UTF8.GetBytes(value) }, "putPrivate", "sharedCollection", key);
        await client.SubmitAsync(TestNetwork.Channel, txId, await client.EndorseAsync(TestNetwork.Channel, proposal, txId));
        (await client.CommitStatusAsync(TestNetwork.Channel, txId)).Result.Should().Be(TxValidationCode.Valid);
    }

    [Fact]
    public async Task ChaincodeEvents_FromTheCommitBlock_DeliversTheTransactionsEvent()
    {
        using var client = _network.Client();
        var (status, txId) = await client.SubmitTransactionAsync(TestNetwork.Channel, TestNetwork.Chaincode, "put", "evented", "payload-1");

        var events = await ReadEventsAsync(client, new ChaincodeEventsRequest
        {
            StartPosition = new Protos.Orderer.SeekPosition { Specified = new Protos.Orderer.SeekSpecified { Number = status.BlockNumber } },
        });

        var chaincodeEvent = events.First(e => e.TxId == txId);
        chaincodeEvent.EventName.Should().Be("put");
        chaincodeEvent.ChaincodeId.Should().Be(TestNetwork.Chaincode);
        chaincodeEvent.Payload.ToStringUtf8().Should().Be("payload-1");
    }

    [Fact]
    public async Task ChaincodeEvents_AfterTransactionId_StartsWithTheNextEvent()
    {
        using var client = _network.Client();
        var (_, firstTxId) = await client.SubmitTransactionAsync(TestNetwork.Channel, TestNetwork.Chaincode, "put", "evented-1", "one");
        var (_, secondTxId) = await client.SubmitTransactionAsync(TestNetwork.Channel, TestNetwork.Chaincode, "put", "evented-2", "two");

        var events = await ReadEventsAsync(client, new ChaincodeEventsRequest { AfterTransactionId = firstTxId });

        events[0].TxId.Should().Be(secondTxId);
    }

    private static async Task<List<ChaincodeEvent>> ReadEventsAsync(TestGatewayClient client, ChaincodeEventsRequest request)
    {
        request.ChannelId = TestNetwork.Channel;
        request.ChaincodeId = TestNetwork.Chaincode;
        request.Identity = client.Identity.Serialized;
        var bytes = request.ToByteString();
        using var call = client.Gateway.ChaincodeEvents(new SignedChaincodeEventsRequest { Request = bytes, Signature = client.Identity.Sign(bytes) }, TestGatewayClient.Options);
        (await call.ResponseStream.MoveNext(CancellationToken.None)).Should().BeTrue();
        return call.ResponseStream.Current.Events.ToList();
    }

    [Fact]
    public async Task CommitStatus_SignedByAStranger_IsPermissionDenied()
    {
        await using var other = await TestNetwork.StartAsync();
        using var stranger = new TestGatewayClient(_network.PeerAddress("Org1MSP"), _network.TlsCaPath("Org1MSP"),
            new TestIdentity("Org1MSP", other.UserMsp("Org1MSP")));

        var act = () => stranger.CommitStatusAsync(TestNetwork.Channel, "0000");

        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
    }

    private static List<ErrorDetail> Details(RpcException error) =>
        error.GetRpcStatus()!.Details.Select(d => d.Unpack<ErrorDetail>()).ToList();
}

/// <summary>One dev network for a test class.</summary>
public sealed class SharedTestNetwork : IAsyncLifetime
{
    internal TestNetwork Network { get; private set; } = null!;

    public async Task InitializeAsync() => Network = await TestNetwork.StartAsync();

    public async Task DisposeAsync() => await Network.DisposeAsync();
}
