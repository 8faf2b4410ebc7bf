using PharmaSettlement.Contracts;
using PharmaSettlement.Domain;

namespace PharmaSettlement.Internal;

/// <summary>Private records with their salted hashes, and the WAC price list kept in the pricing collection.</summary>
internal static class PrivateRecords
{
    /// <summary>Writes <paramref name="record"/> privately with a salt of its own; returns its salted hash for public state.</summary>
    public static async Task<string> PutAsync<T>(Ledger ledger, string collection, string key, T record, byte[] clientSalt)
    {
        var salted = SaltedRecord<T>.Create(record, SaltedHash.Derive(clientSalt, key));
        await ledger.PutPrivateAsync(collection, key, salted).ConfigureAwait(false);
        return salted.Hash;
    }

    /// <summary>Writes the same salted record to several collections (the hash is the same in each).</summary>
    public static async Task<string> PutAsync<T>(Ledger ledger, IEnumerable<string> collections, string key, T record, byte[] clientSalt)
    {
        var salted = SaltedRecord<T>.Create(record, SaltedHash.Derive(clientSalt, key));
        foreach (var collection in collections)
        {
            await ledger.PutPrivateAsync(collection, key, salted).ConfigureAwait(false);
        }

        return salted.Hash;
    }

    public static async Task<T?> GetAsync<T>(Ledger ledger, string collection, string key)
        where T : class =>
        (await ledger.GetPrivateAsync<SaltedRecord<T>>(collection, key).ConfigureAwait(false))?.Record;

    /// <summary>The WAC of <paramref name="gtin"/> in effect on <paramref name="date"/>, or null.</summary>
    /// <remarks>
    /// The effective date is found in the public WAC index (<c>wac/gtin/date</c>, hashes only) and the price is read
    /// from the collection by its exact key. A range query on private data would forbid every later write of the
    /// transaction on a Fabric peer ("Transaction has already performed queries on pvt data. Writes are not
    /// allowed"), and invoices and chargeback claims write after looking the WAC up.
    /// </remarks>
    public static async Task<WacPrice?> WacOnAsync(Ledger ledger, string collection, string gtin, DateOnly date)
    {
        DateOnly? effectiveFrom = null;
        await foreach (var entry in ledger.ScanAsync<WacSummary>(Keys.WacType, gtin).ConfigureAwait(false))
        {
            // Keys sort by effective date (yyyy-MM-dd), so the last entry not after the date wins.
            if (entry.EffectiveFrom <= date)
            {
                effectiveFrom = entry.EffectiveFrom;
            }
        }

        return effectiveFrom is { } from ? await GetAsync<WacPrice>(ledger, collection, Keys.Wac(gtin, from)).ConfigureAwait(false) : null;
    }
}
