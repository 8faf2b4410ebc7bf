namespace PharmaSettlement.Domain;

/// <summary>
/// Business identifiers chosen by callers (shipment, contract, sale, claim, invoice and settlement IDs, MSP IDs):
/// 1 to 64 characters of letters, digits, '.', '_' and '-', so they are safe in composite keys and URLs.
/// </summary>
internal static class Identifiers
{
    public const int MaxLength = 64;

    public static string Validate(string? id, string field)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw Refusals.Invalid(field, "is required.");
        }

        if (id.Length > MaxLength)
        {
            throw Refusals.Invalid(field, $"must be at most {MaxLength} characters.");
        }

        return id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            ? id
            : throw Refusals.Invalid(field, "may only contain letters, digits, '.', '_' and '-'.");
    }

    /// <summary>Validates a list that must be non-empty and free of duplicates.</summary>
    public static IReadOnlyList<T> RequireDistinct<T>(IReadOnlyList<T>? items, string field, int max = 10_000)
    {
        if (items is null || items.Count == 0)
        {
            throw Refusals.Invalid(field, "must contain at least one entry.");
        }

        if (items.Count > max)
        {
            throw Refusals.Invalid(field, $"must contain at most {max} entries.");
        }

        return RequireNoDuplicates(items, field);
    }

    /// <summary>Validates that a (possibly empty) list has no duplicates.</summary>
    public static IReadOnlyList<T> RequireNoDuplicates<T>(IReadOnlyList<T> items, string field)
    {
        ArgumentNullException.ThrowIfNull(items);
        var seen = new HashSet<T>();
        foreach (var item in items)
        {
            if (!seen.Add(item))
            {
                throw Refusals.Invalid(field, $"contains '{item}' twice.");
            }
        }

        return items;
    }
}
