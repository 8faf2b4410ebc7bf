using System.CommandLine.Parsing;
using System.Globalization;

namespace Fabric.Admin.Cli;

/// <summary>Durations written as the peer CLI writes them (<c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1h</c>), or plain seconds.</summary>
internal static class Durations
{
    public static TimeSpan Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        if (TryParse(text, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        result.AddError($"'{text}' is not a positive duration (e.g. 30s, 2m, 500ms)");
        return default;
    }

    public static bool TryParse(string text, out TimeSpan value)
    {
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                value = TimeSpan.FromSeconds(number * seconds);
                return true;
            }
        }

        var plain = double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var plainSeconds);
        value = plain ? TimeSpan.FromSeconds(plainSeconds) : default;
        return plain;
    }
}
