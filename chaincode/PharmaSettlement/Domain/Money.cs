namespace PharmaSettlement.Domain;

/// <summary>
/// Amounts are integers in minor units of one ISO 4217 currency (cents for USD); there is no floating point
/// anywhere. Arithmetic is checked: an overflow is refused as bad input rather than wrapping around.
/// </summary>
internal static class Money
{
    public static string ValidateCurrency(string? currency, string field = "currency") =>
        currency is { Length: 3 } && currency.All(char.IsAsciiLetterUpper)
            ? currency
            : throw Refusals.Invalid(field, "must be a three-letter ISO 4217 code in capitals (for example USD).");

    public static long RequirePositive(long amount, string field) =>
        amount > 0 ? amount : throw Refusals.Invalid(field, "must be a positive amount in minor units.");

    public static long RequireNonNegative(long amount, string field) =>
        amount >= 0 ? amount : throw Refusals.Invalid(field, "must not be negative.");

    public static long Multiply(long unitPrice, long quantity, string field)
    {
        try
        {
            return checked(unitPrice * quantity);
        }
        catch (OverflowException)
        {
            throw Refusals.Invalid(field, "the amount is too large.");
        }
    }

    public static long Sum(IEnumerable<long> amounts, string field)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        try
        {
            return amounts.Aggregate(0L, (total, amount) => checked(total + amount));
        }
        catch (OverflowException)
        {
            throw Refusals.Invalid(field, "the total is too large.");
        }
    }
}
