using Google.Protobuf;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>An open query of a transaction: a range scan (public or private) or a history query.</summary>
internal interface IQueryIterator
{
    /// <summary>The next result as the chaincode receives it (a serialized queryresult.KV or KeyModification), or null when there are no more.</summary>
    ByteString? Next();

    /// <summary>The bookmark for the next page (paginated range scans only), closing the iterator.</summary>
    string TakeBookmarkAndClose();

    void Close();
}
