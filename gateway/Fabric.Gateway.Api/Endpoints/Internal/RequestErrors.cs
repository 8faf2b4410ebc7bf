namespace Fabric.Gateway.Api.Endpoints.Internal;

/// <summary>
/// Collects every problem of one request, keyed by the camelCase path of the field (<c>terms.amount</c>,
/// <c>units[2].serial</c>), so that a client learns all of them from one 400 instead of one per round trip.
/// Messages describe the rule, never the value: a rejected value may be private data.
/// </summary>
internal sealed class RequestErrors
{
    private readonly Dictionary<string, List<string>> problems = new(StringComparer.Ordinal);

    public bool HasErrors => problems.Count > 0;

    public void Add(string field, string message)
    {
        if (!problems.TryGetValue(field, out var messages))
        {
            messages = [];
            problems.Add(field, messages);
        }

        messages.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() =>
        problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>A required string in the given format; returns it (or empty when invalid, the request then fails).</summary>
    public string Required(string? value, string field, FieldFormat format)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(field, "is required.");
            return string.Empty;
        }

        return Check(value, field, format);
    }

    /// <summary>An optional string: null stays null, anything else must be in the format.</summary>
    public string? Optional(string? value, string field, FieldFormat format) =>
        value is null ? null : Check(value, field, format);

    /// <summary>Required free text (not blank), at most <paramref name="maxLength"/> UTF-16 code units, as the chaincodes count.</summary>
    public void Text(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required.");
            return;
        }

        OptionalText(value, field, maxLength);
    }

    /// <summary>Optional free text: when present, at most <paramref name="maxLength"/> code units of acceptable characters.</summary>
    public void OptionalText(string? value, string field, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters.");
        }
        else if (FreeText.FindProblem(value) is { } problem)
        {
            Add(field, problem);
        }
    }

    /// <summary>A required nested object; returns whether it is there (its own checks follow only then).</summary>
    public bool Present<T>(T? value, string field)
        where T : class
    {
        if (value is null)
        {
            Add(field, "is required.");
            return false;
        }

        return true;
    }

    /// <summary>A required value (dates, enums given as nullable so that "missing" can be told from a default).</summary>
    public void Present<T>(T? value, string field)
        where T : struct
    {
        if (value is null)
        {
            Add(field, "is required.");
        }
    }

    public void Positive(long value, string field)
    {
        if (value <= 0)
        {
            Add(field, "must be a positive number.");
        }
    }

    public void Range(long value, string field, long minimum, long maximum)
    {
        if (value < minimum || value > maximum)
        {
            Add(field, $"must be between {minimum} and {maximum}.");
        }
    }

    /// <summary>
    /// A list with <paramref name="minimum"/> to <paramref name="maximum"/> entries, each checked by
    /// <paramref name="each"/> with its indexed field name; null counts as empty.
    /// </summary>
    public void List<T>(IReadOnlyList<T?>? items, string field, int minimum, int maximum, Action<T, string> each)
    {
        var count = items?.Count ?? 0;
        if (count < minimum)
        {
            Add(field, minimum == 1 ? "must contain at least one entry." : $"must contain at least {minimum} entries.");
            return;
        }

        if (count > maximum)
        {
            Add(field, $"must contain at most {maximum} entries.");
            return;
        }

        for (var i = 0; i < count; i++)
        {
            var itemField = $"{field}[{i}]";
            if (items![i] is { } item)
            {
                each(item, itemField);
            }
            else
            {
                Add(itemField, "must not be null.");
            }
        }
    }

    private string Check(string value, string field, FieldFormat format)
    {
        if (format.Describe(value) is { } problem)
        {
            Add(field, problem);
            return string.Empty;
        }

        return value;
    }
}
