using System.Text.RegularExpressions;

namespace HealthRecords.Domain;

/// <summary>
/// Names of the private data collections this chaincode uses: each hospital's implicit collection (created by
/// Fabric for every organization of the channel) and one pairwise collection per pair of hospitals, which must
/// be defined in the chaincode's collections config (fabric-network/config/collections/health-records.json).
/// </summary>
internal static partial class CollectionNames
{
    /// <summary>Prefix Fabric gives the implicit collection of an organization.</summary>
    public const string ImplicitPrefix = "_implicit_org_";

    /// <summary>Prefix of the pairwise collections of this chaincode.</summary>
    public const string PairPrefix = "health_pair_";

    /// <summary>The implicit collection of <paramref name="mspId"/>.</summary>
    public static string Implicit(string mspId)
    {
        RequireMspId(mspId, nameof(mspId));
        return ImplicitPrefix + mspId;
    }

    /// <summary>
    /// The collection shared by two hospitals: the two MSP IDs in ordinal order, so both sides compute the same
    /// name whichever of them asks. Fabric allows only <c>[A-Za-z0-9_-]</c> in collection names and MSP IDs
    /// accepted here contain no <c>_</c>, so the name is unambiguous.
    /// </summary>
    /// <exception cref="ArgumentException">An MSP ID is not usable in a collection name, or both are the same.</exception>
    public static string Pair(string firstMspId, string secondMspId)
    {
        RequireMspId(firstMspId, nameof(firstMspId));
        RequireMspId(secondMspId, nameof(secondMspId));
        var order = string.CompareOrdinal(firstMspId, secondMspId);
        if (order == 0)
        {
            throw new ArgumentException("A pairwise collection needs two different organizations.", nameof(secondMspId));
        }

        return order < 0
            ? $"{PairPrefix}{firstMspId}_{secondMspId}"
            : $"{PairPrefix}{secondMspId}_{firstMspId}";
    }

    /// <summary>Every pairwise collection name for a set of hospitals (what the collections config must define).</summary>
    public static IReadOnlyList<string> AllPairs(IEnumerable<string> mspIds)
    {
        var sorted = mspIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var names = new List<string>();
        for (var i = 0; i < sorted.Length; i++)
        {
            for (var j = i + 1; j < sorted.Length; j++)
            {
                names.Add(Pair(sorted[i], sorted[j]));
            }
        }

        return names;
    }

    /// <summary>True when <paramref name="mspId"/> can be part of a collection name: letters, digits and '-'.</summary>
    public static bool IsUsableMspId(string? mspId) => !string.IsNullOrEmpty(mspId) && mspId.Length <= 64 && MspIdPattern().IsMatch(mspId);

    private static void RequireMspId(string mspId, string parameterName)
    {
        if (!IsUsableMspId(mspId))
        {
            throw new ArgumentException(
                "An MSP ID used in collection names must be 1 to 64 letters, digits or '-'.", parameterName);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex MspIdPattern();
}
