using System.Text.Json;
using System.Text.Json.Nodes;
using Fabric.Chaincode;
using TradeFinance.Domain.Common;

namespace TradeFinance.Domain.Credits;

/// <summary>UCP 600 Art. 10: proposing, accepting and rejecting amendments.</summary>
public static class AmendmentRules
{
    /// <summary>Fields that identify who the credit is between: changing them would make a different credit.</summary>
    private static readonly string[] Unamendable = ["applicant", "beneficiary", "advisingBankMspId", "currency", "applicableRules"];

    /// <summary>The result of proposing: the public amendment, the updated credit and the complete new terms (null for a cancellation).</summary>
    public sealed record Proposal(Amendment Amendment, LetterOfCredit Credit, CreditTerms? NewTerms);

    /// <summary>The issuing bank proposes an amendment of an issued credit.</summary>
    /// <exception cref="ChaincodeException">400 for invalid changes; 409 when the credit is not Issued/Advised or another
    /// amendment awaits an answer; 422 when the new amount is below what was already drawn.</exception>
    public static Proposal Propose(
        LetterOfCredit credit, CreditPrivateData current, string amendmentId, AmendmentRequest request, byte[] salt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credit);
        ArgumentNullException.ThrowIfNull(current);
        Identifiers.Require(amendmentId, "amendmentId");
        if (request is null)
        {
            throw TradeErrors.Invalid("amendment", "is required.");
        }

        LetterOfCreditLifecycle.RequireStatus(credit, "amend", CreditStatus.Issued, CreditStatus.Advised);
        if (credit.PendingAmendmentId is { } pending)
        {
            throw TradeErrors.Conflict($"Amendment '{pending}' of credit '{credit.CreditId}' awaits the beneficiary's answer; propose the next one after it.");
        }

        if (request.Cancel)
        {
            if (request.Changes is { Count: > 0 })
            {
                throw TradeErrors.Invalid("amendment.changes", "must be empty when the amendment cancels the credit.");
            }

            var cancellation = NewAmendment(credit, amendmentId, AmendmentKind.Cancellation, [], null, now);
            return new Proposal(cancellation, credit with { PendingAmendmentId = amendmentId, UpdatedAt = now }, null);
        }

        if (request.Changes is not { Count: > 0 } changes)
        {
            throw TradeErrors.Invalid("amendment.changes", "must change at least one field, or set amendment.cancel to true.");
        }

        var newTerms = Merge(current.Terms, changes);
        var changed = ChangedFields(current.Terms, newTerms);
        if (changed.Count == 0)
        {
            throw TradeErrors.Invalid("amendment.changes", "changes no field: every value equals the terms in force.");
        }

        var fixedField = changed.FirstOrDefault(f => Unamendable.Contains(f));
        if (fixedField is not null)
        {
            throw TradeErrors.Invalid($"amendment.changes.{fixedField}", "cannot be amended: it identifies the parties or the currency of the credit.");
        }

        // Dates in the new terms are checked against today only where they change: an unchanged latest shipment date
        // that has passed does not make an amendment of another field invalid.
        var problems = CreditTermsValidator.Check(newTerms, DateOnly.MinValue, "amendment.changes")
            .Concat(CheckChangedDates(newTerms, changed, CreditRules.DateOf(now)))
            .ToList();
        if (problems.Count > 0)
        {
            throw TradeErrors.Invalid(problems);
        }

        if (CreditRules.MaximumDrawable(newTerms) < current.DrawnAmount)
        {
            throw TradeErrors.Rule("Amendment", "the new amount with its tolerance is less than what has already been drawn.");
        }

        var amendment = NewAmendment(credit, amendmentId, AmendmentKind.Change, changed, SaltedHash.Compute(salt, newTerms), now);
        return new Proposal(amendment, credit with { PendingAmendmentId = amendmentId, UpdatedAt = now }, newTerms);
    }

    /// <summary>
    /// The beneficiary answers with the fields it accepts. Accepting every changed field accepts the amendment;
    /// accepting only some is a rejection (Art. 10(e)). A cancellation is accepted with an empty list.
    /// </summary>
    /// <returns>The answered amendment and the credit after it (cancelled, or with the pending amendment cleared).</returns>
    /// <exception cref="ChaincodeException">409 unless the amendment is Proposed and the credit open.</exception>
    public static (Amendment Amendment, LetterOfCredit Credit) Accept(
        LetterOfCredit credit, Amendment amendment, IReadOnlyCollection<string>? acceptedFields, string? newTermsHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credit);
        ArgumentNullException.ThrowIfNull(amendment);
        RequireAnswerable(credit, amendment);
        var accepted = new HashSet<string>(acceptedFields ?? [], StringComparer.Ordinal);
        var unknown = accepted.Except(amendment.ChangedFields, StringComparer.Ordinal).FirstOrDefault();
        if (unknown is not null)
        {
            throw TradeErrors.Invalid("acceptedFields", $"names '{unknown}', which amendment '{amendment.AmendmentId}' does not change.");
        }

        if (accepted.Count < amendment.ChangedFields.Count)
        {
            return Answer(credit, amendment, AmendmentRejection.PartialAcceptance, now);
        }

        var answered = amendment with { Status = AmendmentStatus.Accepted, AnsweredAt = now };
        if (amendment.Kind == AmendmentKind.Cancellation)
        {
            return (answered, LetterOfCreditLifecycle.Close(credit, CreditStatus.Cancelled, now));
        }

        return (answered, credit with
        {
            TermsHash = newTermsHash ?? throw new ArgumentNullException(nameof(newTermsHash)),
            AcceptedAmendments = credit.AcceptedAmendments + 1,
            PendingAmendmentId = null,
            UpdatedAt = now,
        });
    }

    /// <summary>The beneficiary rejects the amendment; the terms in force stay (Art. 10(c)).</summary>
    /// <exception cref="ChaincodeException">409 unless the amendment is Proposed and the credit open.</exception>
    public static (Amendment Amendment, LetterOfCredit Credit) Reject(LetterOfCredit credit, Amendment amendment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credit);
        ArgumentNullException.ThrowIfNull(amendment);
        RequireAnswerable(credit, amendment);
        return Answer(credit, amendment, AmendmentRejection.RejectedByBeneficiary, now);
    }

    /// <summary>The JSON names of the fields that differ, sorted.</summary>
    internal static List<string> ChangedFields(CreditTerms before, CreditTerms after)
    {
        var a = JsonSerializer.SerializeToNode(before, ChaincodeJson.Options)!.AsObject();
        var b = JsonSerializer.SerializeToNode(after, ChaincodeJson.Options)!.AsObject();
        return a.Select(p => p.Key)
            .Union(b.Select(p => p.Key), StringComparer.Ordinal)
            .Where(name => !JsonNode.DeepEquals(a[name], b[name]))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static CreditTerms Merge(CreditTerms current, JsonObject changes)
    {
        var merged = JsonSerializer.SerializeToNode(current, ChaincodeJson.Options)!.AsObject();
        foreach (var (name, value) in changes)
        {
            var known = merged.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                throw TradeErrors.Invalid($"amendment.changes.{name}", "is not a field of the credit terms.");
            }

            merged[known] = value?.DeepClone();
        }

        try
        {
            return merged.Deserialize<CreditTerms>(ChaincodeJson.Options)
                ?? throw TradeErrors.Invalid("amendment.changes", "must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw TradeErrors.Invalid($"amendment.changes{(ex.Path is { Length: > 1 } path ? path[1..] : string.Empty)}", "has a value of the wrong type.");
        }
    }

    private static IEnumerable<(string Field, string Reason)> CheckChangedDates(CreditTerms terms, List<string> changed, DateOnly today)
    {
        if (changed.Contains("expiryDate") && terms.ExpiryDate <= today)
        {
            yield return ("amendment.changes.expiryDate", "(31D) must be after today's date.");
        }

        if (changed.Contains("latestShipmentDate") && terms.LatestShipmentDate < today)
        {
            yield return ("amendment.changes.latestShipmentDate", "(44C) must not be before today's date.");
        }
    }

    private static Amendment NewAmendment(
        LetterOfCredit credit, string amendmentId, AmendmentKind kind, IReadOnlyList<string> changed, string? hash, DateTimeOffset now) => new()
        {
            CreditId = credit.CreditId,
            AmendmentId = amendmentId,
            Kind = kind,
            Status = AmendmentStatus.Proposed,
            ChangedFields = changed,
            NewTermsHash = hash,
            ProposedAt = now,
        };

    private static void RequireAnswerable(LetterOfCredit credit, Amendment amendment)
    {
        if (amendment.Status != AmendmentStatus.Proposed)
        {
            throw TradeErrors.Conflict($"Amendment '{amendment.AmendmentId}' was already {amendment.Status}.");
        }

        LetterOfCreditLifecycle.RequireStatus(credit, "answer an amendment of", CreditStatus.Issued, CreditStatus.Advised);
    }

    private static (Amendment, LetterOfCredit) Answer(LetterOfCredit credit, Amendment amendment, AmendmentRejection why, DateTimeOffset now) =>
        (amendment with { Status = AmendmentStatus.Rejected, Rejection = why, AnsweredAt = now },
         credit with { PendingAmendmentId = null, UpdatedAt = now });
}
