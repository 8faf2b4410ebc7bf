namespace Fabric.DevNetwork.Ledger;

/// <summary>
/// Where in the chain a key was last written: the block and the position of the transaction in it
/// (Fabric's kvrwset.Version). Heights order first by block, then by transaction.
/// </summary>
internal readonly record struct Height(ulong BlockNumber, ulong TxNumber) : IComparable<Height>
{
    public int CompareTo(Height other) =>
        BlockNumber != other.BlockNumber ? BlockNumber.CompareTo(other.BlockNumber) : TxNumber.CompareTo(other.TxNumber);
}
