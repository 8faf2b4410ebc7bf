using Fabric.DevNetwork.Configuration;
using Fabric.DevNetwork.Msp;
using Fabric.DevNetwork.Policies;
using Fabric.Protos.Ledger.Rwset.Kvrwset;
using Fabric.Protos.Peer;
using Google.Protobuf;
using CommonPolicy = Fabric.Protos.Common.SignaturePolicyEnvelope;

namespace Fabric.DevNetwork.Peer;

/// <summary>
/// Decides which organizations' peers must endorse, from what the first endorsement showed (Fabric's gateway does
/// this with the ChaincodeInterest and discovery): the policy of every chaincode written (or invoked), key-level
/// policies of written keys, collection endorsement policies. When transient data is involved, only members of the
/// written collections may endorse.
/// </summary>
internal sealed class EndorsementPlanner(PeerNetwork network, PeerChannel channel)
{
    private const string ValidationParameter = "VALIDATION_PARAMETER";

    /// <returns>The organizations to endorse (including <paramref name="firstOrganization"/>), or an error message.</returns>
    public (IReadOnlyList<string>? Organizations, string? Error, bool TransientProtection) Plan(
        string chaincodeName, ProposalResponse firstResponse, string firstOrganization, bool hasTransientData)
    {
        var action = ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(firstResponse.Payload).Extension);
        var readWriteSet = Fabric.Protos.Ledger.Rwset.TxReadWriteSet.Parser.ParseFrom(action.Results);
        var policies = new List<CommonPolicy>();
        var writtenCollections = new List<StaticCollectionConfig>();
        var chaincodePolicies = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ns in readWriteSet.NsRwset)
        {
            var kv = KVRWSet.Parser.ParseFrom(ns.Rwset);
            foreach (var key in kv.Writes.Select(w => w.Key).Concat(kv.MetadataWrites.Select(m => m.Key)))
            {
                AddKeyPolicyOr(channel.State.GetState(ns.Namespace, key)?.Metadata, ns.Namespace);
            }

            var definition = channel.Chaincodes.GetValueOrDefault(ns.Namespace);
            foreach (var collection in ns.CollectionHashedRwset)
            {
                var hashed = HashedRWSet.Parser.ParseFrom(collection.HashedRwset);
                if (hashed.HashedWrites.Count == 0 && hashed.MetadataWrites.Count == 0)
                {
                    continue;
                }

                var config = definition?.FindCollection(collection.CollectionName);
                if (config is not null)
                {
                    writtenCollections.Add(config);
                }

                foreach (var keyHash in hashed.HashedWrites.Select(w => w.KeyHash))
                {
                    if (KeyPolicy(channel.State.GetPrivateDataHash(ns.Namespace, collection.CollectionName, keyHash.ToByteArray())?.Metadata) is { } keyPolicy)
                    {
                        policies.Add(keyPolicy);
                    }
                    else if (config?.EndorsementPolicy?.SignaturePolicy is { } collectionPolicy)
                    {
                        policies.Add(collectionPolicy);
                    }
                    else
                    {
                        chaincodePolicies.Add(ns.Namespace);
                    }
                }
            }
        }

        if (policies.Count == 0 && chaincodePolicies.Count == 0)
        {
            chaincodePolicies.Add(chaincodeName);
        }

        foreach (var name in chaincodePolicies)
        {
            if (channel.Chaincodes.TryGetValue(name, out var definition))
            {
                policies.Add(definition.EndorsementPolicy);
            }
        }

        var candidates = channel.Organizations.Where(o => network.PeerOf(o, channel.ChannelId) is not null).ToList();
        var protectedCollections = new List<string>();
        if (hasTransientData && writtenCollections.Count > 0)
        {
            var members = candidates.Where(o => writtenCollections.All(c => CollectionsConfigParser.MembersOf(c).Contains(o))).ToList();
            protectedCollections.AddRange(writtenCollections.Select(c => c.Name));
            candidates = members;
        }

        var chosen = new List<string> { firstOrganization };
        foreach (var policy in policies)
        {
            if (Satisfied(policy, chosen))
            {
                continue;
            }

            var additional = SmallestAddition(policy, chosen, candidates.Except(chosen).ToList());
            if (additional is null)
            {
                if (protectedCollections.Count > 0 && SmallestAddition(policy, chosen, channel.Organizations.Except(chosen).ToList()) is not null)
                {
                    return (null,
                        $"requires endorsement from organisation(s) that are not in the distribution policy of the private data collection(s): [{string.Join(" ", protectedCollections)}]; retry specifying trusted endorsing organizations to protect transient data",
                        true);
                }

                return (null, "no combination of peers can be derived which satisfy the endorsement policy: required chaincodes are not installed on sufficient peers", false);
            }

            chosen.AddRange(additional);
        }

        return (chosen, null, false);

        void AddKeyPolicyOr(IReadOnlyDictionary<string, byte[]>? metadata, string ns)
        {
            if (KeyPolicy(metadata) is { } keyPolicy)
            {
                policies.Add(keyPolicy);
            }
            else
            {
                chaincodePolicies.Add(ns);
            }
        }
    }

    private bool Satisfied(CommonPolicy policy, IEnumerable<string> organizations) =>
        SignaturePolicyEvaluator.IsSatisfied(policy, organizations.Select(PeerIdentity).OfType<MspIdentity>().ToList());

    private List<string>? SmallestAddition(CommonPolicy policy, List<string> chosen, List<string> candidates)
    {
        for (var size = 1; size <= candidates.Count; size++)
        {
            foreach (var subset in Subsets(candidates, size, 0))
            {
                if (Satisfied(policy, chosen.Concat(subset)))
                {
                    return subset;
                }
            }
        }

        return null;
    }

    private static IEnumerable<List<string>> Subsets(List<string> items, int size, int start)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }

        for (var i = start; i <= items.Count - size; i++)
        {
            foreach (var rest in Subsets(items, size - 1, i + 1))
            {
                rest.Insert(0, items[i]);
                yield return rest;
            }
        }
    }

    private MspIdentity? PeerIdentity(string mspId) =>
        network.PeerOf(mspId, channel.ChannelId) is { } peer ? channel.Members.Deserialize(peer.Identity.Serialized) : null;

    private static CommonPolicy? KeyPolicy(IReadOnlyDictionary<string, byte[]>? metadata)
    {
        if (metadata is null || !metadata.TryGetValue(ValidationParameter, out var bytes) || bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return CommonPolicy.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
