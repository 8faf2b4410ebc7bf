using System.Collections.Frozen;
using System.Reflection;
using Fabric.Protos.Peer;
using Google.Protobuf.Reflection;

namespace Fabric.Chaincode.Internal;

/// <summary>Fabric's own names of chaincode message types (GET_STATE_BY_RANGE, not GetStateByRange), for messages and logs.</summary>
internal static class MessageNames
{
    private static readonly FrozenDictionary<ChaincodeMessage.Types.Type, string> Names =
        Enum.GetValues<ChaincodeMessage.Types.Type>().ToFrozenDictionary(
            type => type,
            type => typeof(ChaincodeMessage.Types.Type).GetField(type.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name
                ?? type.ToString());

    public static string Of(ChaincodeMessage.Types.Type type) => Names.TryGetValue(type, out var name) ? name : ((int)type).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
