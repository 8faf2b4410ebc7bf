using Fabric.DevNetwork.Msp;
using Fabric.DevNetwork.Policies;
using Fabric.DevNetwork.Protocol;
using Fabric.Protos.Common;
using Fabric.Protos.Ledger.Rwset.Kvrwset;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.DevNetwork.Peer;

/// <summary>
/// Validates the transactions of a block in order, as a Fabric peer's committer does: envelope and headers, the
/// creator's signature, the transaction ID, duplicates, endorsement signatures against the endorsement policy (or
/// the key-level policies set by state-based endorsement, or a collection's own policy), then MVCC: every read
/// version, every range query (phantoms) and every private hashed read must still match the committed state and the
/// writes of earlier valid transactions of the same block.
/// </summary>
internal sealed class TransactionValidator(PeerChannel channel)
{
    private const string ValidationParameter = "VALIDATION_PARAMETER";

    public IReadOnlyList<(TxValidationCode Code, EndorserTransaction? Transaction)> Validate(Block block)
    {
        var results = new List<(TxValidationCode, EndorserTransaction?)>(block.Data.Data.Count);
        var blockTxIds = new HashSet<string>(StringComparer.Ordinal);
        var updates = new BlockUpdates();
        foreach (var data in block.Data.Data)
        {
            var (code, transaction) = ValidateTransaction(data, blockTxIds, block.Header.Number);
            if (code == TxValidationCode.Valid && transaction is not null)
            {
                code = new MvccValidator(channel.State, updates).Validate(transaction.ReadWriteSet);
                if (code == TxValidationCode.Valid)
                {
                    updates.Record(transaction.ReadWriteSet);
                }
            }

            results.Add((code, transaction));
        }

        return results;
    }

    private (TxValidationCode, EndorserTransaction?) ValidateTransaction(ByteString data, HashSet<string> blockTxIds, ulong blockNumber)
    {
        ParsedEnvelope envelope;
        try
        {
            envelope = ParsedEnvelope.Parse(Envelope.Parser.ParseFrom(data));
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or FormatException)
        {
            return (TxValidationCode.BadPayload, null);
        }

        if (envelope.ChannelHeader.ChannelId != channel.ChannelId)
        {
            return (TxValidationCode.TargetChainNotFound, null);
        }

        if (envelope.Type == HeaderType.Config)
        {
            // The genesis block's configuration: the dev network never updates channel configuration.
            return (blockNumber == 0 ? TxValidationCode.Valid : TxValidationCode.InvalidConfigTransaction, null);
        }

        if (envelope.Type != HeaderType.EndorserTransaction)
        {
            return (TxValidationCode.UnknownTxType, null);
        }

        try
        {
            channel.Members.VerifySignature(envelope.SignatureHeader.Creator, envelope.Envelope.Payload.Span, envelope.Envelope.Signature);
        }
        catch (MspValidationException)
        {
            return (TxValidationCode.BadCreatorSignature, null);
        }

        if (envelope.ChannelHeader.TxId != ParsedEnvelope.ComputeTxIdFor(envelope.SignatureHeader))
        {
            return (TxValidationCode.BadProposalTxid, null);
        }

        if (channel.Index.Contains(envelope.ChannelHeader.TxId) || !blockTxIds.Add(envelope.ChannelHeader.TxId))
        {
            return (TxValidationCode.DuplicateTxid, null);
        }

        var (transaction, code) = EndorserTransaction.TryParse(envelope);
        if (transaction is null)
        {
            return (code, null);
        }

        if (!channel.Chaincodes.ContainsKey(transaction.ChaincodeName))
        {
            return (TxValidationCode.InvalidChaincode, transaction);
        }

        return (CheckEndorsements(transaction), transaction);
    }

    private TxValidationCode CheckEndorsements(EndorserTransaction transaction)
    {
        var signers = new List<MspIdentity>();
        var seen = new HashSet<ByteString>();
        foreach (var endorsement in transaction.Endorsements)
        {
            if (!seen.Add(endorsement.Endorser))
            {
                continue;
            }

            try
            {
                var identity = channel.Members.Deserialize(endorsement.Endorser);
                byte[] signed = [.. transaction.ProposalResponsePayload.Span, .. endorsement.Endorser.Span];
                if (identity.Verify(signed, endorsement.Signature.Span))
                {
                    signers.Add(identity);
                }
            }
            catch (MspValidationException)
            {
                // An endorsement that does not verify counts for nothing, as in Fabric.
            }
        }

        var policies = RequiredPolicies(transaction);
        return policies.All(p => SignaturePolicyEvaluator.IsSatisfied(p, signers))
            ? TxValidationCode.Valid
            : TxValidationCode.EndorsementPolicyFailure;
    }

    /// <summary>
    /// Each written key needs its key-level (state-based) policy if it has one, otherwise its chaincode's policy (or
    /// its collection's own endorsement policy); a transaction that writes nothing needs the invoked chaincode's policy.
    /// </summary>
    private List<Fabric.Protos.Common.SignaturePolicyEnvelope> RequiredPolicies(EndorserTransaction transaction)
    {
        var policies = new List<Fabric.Protos.Common.SignaturePolicyEnvelope>();
        var chaincodePolicyNeeded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ns in transaction.ReadWriteSet.NsRwset)
        {
            var kv = KVRWSet.Parser.ParseFrom(ns.Rwset);
            foreach (var key in kv.Writes.Select(w => w.Key).Concat(kv.MetadataWrites.Select(m => m.Key)))
            {
                if (KeyPolicy(channel.State.GetState(ns.Namespace, key)?.Metadata) is { } keyPolicy)
                {
                    policies.Add(keyPolicy);
                }
                else
                {
                    chaincodePolicyNeeded.Add(ns.Namespace);
                }
            }

            var definition = channel.Chaincodes.GetValueOrDefault(ns.Namespace);
            foreach (var collection in ns.CollectionHashedRwset)
            {
                var hashed = HashedRWSet.Parser.ParseFrom(collection.HashedRwset);
                var keyHashes = hashed.HashedWrites.Select(w => w.KeyHash).Concat(hashed.MetadataWrites.Select(m => m.KeyHash)).ToList();
                if (keyHashes.Count == 0)
                {
                    continue;
                }

                var collectionPolicy = definition?.FindCollection(collection.CollectionName)?.EndorsementPolicy?.SignaturePolicy;
                foreach (var keyHash in keyHashes)
                {
                    var metadata = channel.State.GetPrivateDataHash(ns.Namespace, collection.CollectionName, keyHash.ToByteArray())?.Metadata;
                    if (KeyPolicy(metadata) is { } keyPolicy)
                    {
                        policies.Add(keyPolicy);
                    }
                    else if (collectionPolicy is not null)
                    {
                        policies.Add(collectionPolicy);
                    }
                    else
                    {
                        chaincodePolicyNeeded.Add(ns.Namespace);
                    }
                }
            }
        }

        if (policies.Count == 0 && chaincodePolicyNeeded.Count == 0)
        {
            chaincodePolicyNeeded.Add(transaction.ChaincodeName);
        }

        foreach (var ns in chaincodePolicyNeeded)
        {
            policies.Add(channel.Chaincodes.TryGetValue(ns, out var definition)
                ? definition.EndorsementPolicy
                : Unsatisfiable);
        }

        return policies;
    }

    private static readonly Fabric.Protos.Common.SignaturePolicyEnvelope Unsatisfiable = new()
    {
        Rule = new Fabric.Protos.Common.SignaturePolicy { NOutOf = new Fabric.Protos.Common.SignaturePolicy.Types.NOutOf { N = 1 } },
    };

    private static Fabric.Protos.Common.SignaturePolicyEnvelope? KeyPolicy(IReadOnlyDictionary<string, byte[]>? metadata)
    {
        if (metadata is null || !metadata.TryGetValue(ValidationParameter, out var bytes) || bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return Fabric.Protos.Common.SignaturePolicyEnvelope.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return Unsatisfiable;
        }
    }
}
