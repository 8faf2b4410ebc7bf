using Fabric.Protos.Msp;
using Google.Protobuf;

namespace Fabric.DevNetwork.Msp;

/// <summary>The MSPs a channel knows (its organizations and the orderer organization), by MSP ID.</summary>
internal sealed class MspRegistry(IEnumerable<MembershipServiceProvider> providers)
{
    private readonly Dictionary<string, MembershipServiceProvider> _providers = providers.ToDictionary(p => p.MspId, StringComparer.Ordinal);

    public IReadOnlyCollection<string> MspIds => _providers.Keys;

    /// <summary>Deserializes and validates a msp.SerializedIdentity; throws <see cref="MspValidationException"/> when invalid.</summary>
    public MspIdentity Deserialize(ByteString serializedIdentity)
    {
        SerializedIdentity identity;
        try
        {
            identity = SerializedIdentity.Parser.ParseFrom(serializedIdentity);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new MspValidationException($"could not deserialize the identity: {e.Message}");
        }

        if (!_providers.TryGetValue(identity.Mspid, out var provider))
        {
            throw new MspValidationException($"MSP {identity.Mspid} is not defined on channel");
        }

        return provider.Validate(serializedIdentity, identity.IdBytes.ToStringUtf8());
    }

    /// <summary>Validates the identity and checks its signature over <paramref name="data"/>.</summary>
    public MspIdentity VerifySignature(ByteString serializedIdentity, ReadOnlySpan<byte> data, ByteString signature)
    {
        var identity = Deserialize(serializedIdentity);
        if (!identity.Verify(data, signature.Span))
        {
            throw new MspValidationException("the creator's signature over the proposal is not valid");
        }

        return identity;
    }

    /// <summary>A registry restricted to the given organizations (a channel's members).</summary>
    public MspRegistry Restrict(IEnumerable<string> mspIds) =>
        new(mspIds.Where(_providers.ContainsKey).Select(id => _providers[id]));
}
