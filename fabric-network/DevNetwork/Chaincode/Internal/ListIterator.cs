using Google.Protobuf;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>An iterator whose results are not recorded in the read set: private range scans and history queries.</summary>
internal sealed class ListIterator(IEnumerable<IMessage> source) : IQueryIterator
{
    private readonly IEnumerator<IMessage> results = source.GetEnumerator();
    private bool closed;

    public ByteString? Next() => !closed && results.MoveNext() ? results.Current.ToByteString() : null;

    public string TakeBookmarkAndClose()
    {
        Close();
        return string.Empty;
    }

    public void Close()
    {
        closed = true;
        results.Dispose();
    }
}
