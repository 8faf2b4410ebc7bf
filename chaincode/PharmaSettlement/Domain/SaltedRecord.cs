namespace PharmaSettlement.Domain;

/// <summary>A private record as stored in a collection: the record, its salt and the salted hash published for it.</summary>
internal sealed record SaltedRecord<T>(T Record, string Salt, string Hash)
{
    public static SaltedRecord<T> Create(T record, string salt) => new(record, salt, SaltedHash.Compute(salt, record));
}
