using System.Text;
using System.Text.Json;
using Fabric.Gateway.Client;
using Google.Protobuf;

namespace Integration.Tests.PharmaSettlement;

/// <summary>A chaincode event with its payload read as JSON.</summary>
internal sealed record ObservedEvent(string Name, string TransactionId, ulong BlockNumber, JsonElement Payload);

/// <summary>Reads what every member of the channel can read: its blocks and the chaincode events in them.</summary>
internal static class LedgerReader
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Every block of the channel from the genesis block up to <paramref name="lastBlock"/>, as the peer serializes them.</summary>
    public static async Task<IReadOnlyList<byte[]>> ReadBlocksAsync(Network network, ulong lastBlock, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        var blocks = new List<byte[]>();
        await foreach (var block in network.GetBlockEventsAsync(new EventsOptions { StartBlock = 0 }, timeout.Token))
        {
            blocks.Add(block.ToByteArray());
            if (block.Header.Number >= lastBlock)
            {
                break;
            }
        }

        return blocks;
    }

    /// <summary>
    /// The chaincode events from <paramref name="startBlock"/> on, keyed by transaction ID, until every transaction of
    /// <paramref name="transactionIds"/> has been seen (a transaction emits at most one event).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, ObservedEvent>> ReadEventsAsync(
        Network network, string chaincode, ulong startBlock, IReadOnlyCollection<string> transactionIds, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        var wanted = new HashSet<string>(transactionIds, StringComparer.Ordinal);
        var events = new Dictionary<string, ObservedEvent>(StringComparer.Ordinal);
        await foreach (var e in network.GetChaincodeEventsAsync(chaincode, new EventsOptions { StartBlock = startBlock }, timeout.Token))
        {
            if (!wanted.Contains(e.TransactionId))
            {
                continue;
            }

            using var payload = JsonDocument.Parse(e.Payload);
            events[e.TransactionId] = new ObservedEvent(e.EventName, e.TransactionId, e.BlockNumber, payload.RootElement.Clone());
            if (events.Count == wanted.Count)
            {
                break;
            }
        }

        return events;
    }

    /// <summary>
    /// Which of <paramref name="values"/> occur in <paramref name="bytes"/> as UTF-8. A number counts only as a whole
    /// number (no digit right before or after it), so an amount is not "found" inside a longer number.
    /// </summary>
    public static IReadOnlyList<string> Occurrences(ReadOnlySpan<byte> bytes, IEnumerable<string> values)
    {
        var found = new List<string>();
        foreach (var value in values)
        {
            var needle = Encoding.UTF8.GetBytes(value);
            var wholeNumber = value.All(char.IsAsciiDigit);
            for (var offset = 0; offset <= bytes.Length - needle.Length;)
            {
                var index = bytes[offset..].IndexOf(needle);
                if (index < 0)
                {
                    break;
                }

                var start = offset + index;
                var end = start + needle.Length;
                if (!wholeNumber || ((start == 0 || !IsDigit(bytes[start - 1])) && (end == bytes.Length || !IsDigit(bytes[end]))))
                {
                    found.Add(value);
                    break;
                }

                offset = start + 1;
            }
        }

        return found;
    }

    private static bool IsDigit(byte value) => value is >= (byte)'0' and <= (byte)'9';
}
