namespace PharmaSettlement.Domain;

/// <summary>A recall of one lot of a product: from then on no unit of that lot may be shipped, packed, received or dispensed.</summary>
internal sealed record LotRecall(string Gtin, string Lot, string RecallClass, string RecalledBy, DateTimeOffset RecalledAt, int UnitsAffected)
{
    /// <summary>FDA recall classifications.</summary>
    public static readonly IReadOnlySet<string> Classes = new HashSet<string>(StringComparer.Ordinal) { "I", "II", "III" };

    public static string ValidateClass(string? recallClass) =>
        recallClass is not null && Classes.Contains(recallClass)
            ? recallClass
            : throw Refusals.Invalid("recallClass", "must be I, II or III (the FDA classification).");
}
