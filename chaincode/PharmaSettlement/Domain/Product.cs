namespace PharmaSettlement.Domain;

/// <summary>A drug product registered by its manufacturer: GTIN (14 digits), NDC, name, strength and dosage form.</summary>
internal sealed record Product(
    string Gtin,
    string Ndc,
    string Name,
    string Strength,
    string DosageForm,
    string Manufacturer,
    DateTimeOffset RegisteredAt)
{
    /// <summary>Validates a registration request; the GTIN comes back in 14-digit form.</summary>
    public static Product Create(ProductRegistration request, string manufacturer, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(request);
        var gtin = Gs1.NormalizeGtin(request.Gtin);
        var ndc = Domain.Ndc.Validate(request.Ndc);
        if (!Domain.Ndc.MatchesGtin(ndc, gtin))
        {
            throw Refusals.Invalid("ndc", "does not match the NDC embedded in the GTIN (indicator, '03', the ten NDC digits, check digit).");
        }

        return new Product(
            gtin,
            ndc,
            RequireText(request.Name, "name", 200),
            RequireText(request.Strength, "strength", 100),
            RequireText(request.DosageForm, "dosageForm", 100),
            manufacturer,
            at);
    }

    private static string RequireText(string? value, string field, int max) =>
        string.IsNullOrWhiteSpace(value) ? throw Refusals.Invalid(field, "is required.")
        : value.Length > max ? throw Refusals.Invalid(field, $"must be at most {max} characters.")
        : value;
}

/// <summary>What a manufacturer sends to register a product.</summary>
internal sealed record ProductRegistration(string Gtin, string Ndc, string Name, string Strength, string DosageForm);
