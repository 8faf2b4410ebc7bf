namespace Fabric.Chaincode.Testing;

/// <summary>The state database of the peer that <see cref="InMemoryChaincodeStub"/> imitates (Fabric's <c>ledger.state.stateDatabase</c>).</summary>
public enum StateDatabase
{
    /// <summary>
    /// CouchDB: the stricter of the two, so the default. Keys must not begin with <c>_</c> and must not be empty,
    /// JSON object values must not have top-level fields <c>~version</c> or <c>_...</c>, and rich queries are
    /// answered by <see cref="InMemoryChaincodeStub.RichQueryHandler"/>.
    /// </summary>
    CouchDb,

    /// <summary>GoLevelDB, the peer's default: any key and value are stored, and rich queries are refused.</summary>
    LevelDb,
}
