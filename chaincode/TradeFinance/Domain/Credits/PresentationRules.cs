using System.Text.RegularExpressions;
using TradeFinance.Domain.Common;

namespace TradeFinance.Domain.Credits;

/// <summary>
/// Presentation and examination under UCP 600: what the chaincode can check by itself when documents are presented,
/// the five-banking-day examination (Art. 14(b)), honour, the single refusal notice (Art. 16), the applicant's
/// waiver and reimbursement.
/// </summary>
public static partial class PresentationRules
{
    /// <summary>A new presentation and its private record.</summary>
    public sealed record Presented(Presentation Presentation, PresentationPrivateData Private);

    /// <summary>The outcome of honouring: the presentation, the credit and its private record with the new drawn amount.</summary>
    public sealed record Honoured(Presentation Presentation, LetterOfCredit Credit, CreditPrivateData CreditPrivate);

    /// <summary>
    /// The beneficiary presents documents. Presentations after expiry (Art. 6(e)) or above the available balance
    /// plus tolerance (Art. 30) are refused outright; other non-compliance the chaincode can see (late
    /// presentation, prohibited partial drawing, late shipment, port mismatch) is recorded as discrepancies for the
    /// issuing bank's examination.
    /// </summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">400 for an invalid claim; 409 unless the credit is Advised; 422 as above.</exception>
    public static Presented Present(
        LetterOfCredit credit,
        CreditPrivateData creditPrivate,
        string presentationId,
        PresentationClaim claim,
        byte[] salt,
        ShipmentEvidence shipment,
        BankingCalendar calendar,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credit);
        ArgumentNullException.ThrowIfNull(creditPrivate);
        ArgumentNullException.ThrowIfNull(shipment);
        ArgumentNullException.ThrowIfNull(calendar);
        Identifiers.Require(presentationId, "presentationId");
        ValidateClaim(claim);
        LetterOfCreditLifecycle.RequireStatus(credit, "present documents under", CreditStatus.Advised);

        var terms = creditPrivate.Terms;
        var today = CreditRules.DateOf(now);
        if (today > CreditRules.EffectiveExpiry(terms, calendar))
        {
            throw TradeErrors.Rule("UCP 600 Art. 6(e)", $"credit '{credit.CreditId}' has expired: documents must be presented on or before the expiry date.");
        }

        RequireWithinBalance(credit, creditPrivate, claim.Amount);
        var discrepancies = Detect(credit, terms, claim, shipment, calendar, today);
        var presentation = new Presentation
        {
            CreditId = credit.CreditId,
            PresentationId = presentationId,
            BillOfLadingId = shipment.BillOfLadingId,
            Status = PresentationStatus.Presented,
            PresentedAt = now,
            ExaminationDeadline = CreditRules.ExaminationDeadline(today, calendar),
            ClaimHash = SaltedHash.Compute(salt, claim),
            DetectedDiscrepancies = discrepancies.Select(d => d.Code).ToArray(),
        };
        return new Presented(presentation, new PresentationPrivateData(salt, claim, discrepancies, null));
    }

    /// <summary>
    /// The issuing bank honours: the drawing reduces the balance and the credit closes as FullyDrawn when the
    /// amount (less tolerance) is reached. Discrepant documents are honoured only after a waiver, or once the
    /// examination period has passed without a refusal (the bank is then precluded from refusing, Art. 16(f)).
    /// </summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">409 for a wrong state; 422 for discrepant documents or over-drawing.</exception>
    public static Honoured Honour(
        LetterOfCredit credit, CreditPrivateData creditPrivate, Presentation presentation, PresentationPrivateData presentationPrivate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credit);
        ArgumentNullException.ThrowIfNull(creditPrivate);
        ArgumentNullException.ThrowIfNull(presentation);
        ArgumentNullException.ThrowIfNull(presentationPrivate);
        LetterOfCreditLifecycle.RequireStatus(credit, "honour a presentation under", CreditStatus.Advised, CreditStatus.Expired);
        RequirePresentationStatus(presentation, "honour", PresentationStatus.Presented, PresentationStatus.Waived);
        var today = CreditRules.DateOf(now);
        if (presentation.Status == PresentationStatus.Presented && presentation.DetectedDiscrepancies.Count > 0 && today <= presentation.ExaminationDeadline)
        {
            throw TradeErrors.Rule(
                "UCP 600 Art. 16",
                $"presentation '{presentation.PresentationId}' is discrepant ({string.Join(", ", presentation.DetectedDiscrepancies)}): refuse it, then honour after the applicant's waiver.");
        }

        var amount = presentationPrivate.Claim.Amount;
        RequireWithinBalance(credit, creditPrivate, amount);
        var drawn = creditPrivate.DrawnAmount + amount;
        var updatedCredit = credit with { HonouredDrawings = credit.HonouredDrawings + 1, UpdatedAt = now };
        if (credit.Status == CreditStatus.Advised && CreditRules.IsFullyDrawn(creditPrivate.Terms, drawn))
        {
            updatedCredit = LetterOfCreditLifecycle.Close(updatedCredit, CreditStatus.FullyDrawn, now);
        }

        return new Honoured(
            presentation with { Status = PresentationStatus.Honoured, HonouredAt = now },
            updatedCredit,
            creditPrivate with { DrawnAmount = drawn });
    }

    /// <summary>
    /// The issuing bank refuses with a single notice (Art. 16(c)-(d)) listing every discrepancy: those the chaincode
    /// detected and the bank's own, with the disposal of the documents, no later than the fifth banking day.
    /// </summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">400 for an invalid notice; 409 unless Presented (one notice only);
    /// 422 after the examination deadline (Art. 14(b), 16(f)).</exception>
    public static (Presentation Presentation, PresentationPrivateData Private) Refuse(
        Presentation presentation, PresentationPrivateData presentationPrivate, RefusalNotice notice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        ArgumentNullException.ThrowIfNull(presentationPrivate);
        if (notice is null)
        {
            throw TradeErrors.Invalid("notice", "is required.");
        }

        RequirePresentationStatus(presentation, "refuse", PresentationStatus.Presented);
        if (CreditRules.DateOf(now) > presentation.ExaminationDeadline)
        {
            throw TradeErrors.Rule(
                "UCP 600 Art. 14(b) and 16(f)",
                $"the examination period of presentation '{presentation.PresentationId}' ended on {presentation.ExaminationDeadline:yyyy-MM-dd} (five banking days following presentation); the bank can no longer refuse.");
        }

        if (notice.Disposal == DocumentDisposal.Unspecified)
        {
            throw TradeErrors.Invalid("notice.disposal", "is required (Art. 16(c)(iii)): HoldingPendingInstructions, HoldingPendingWaiver, ReturningDocuments or ActingOnPriorInstructions.");
        }

        var own = notice.Discrepancies ?? [];
        for (var i = 0; i < own.Count; i++)
        {
            if (own[i] is null || string.IsNullOrWhiteSpace(own[i].Description))
            {
                throw TradeErrors.Invalid($"notice.discrepancies[{i}].description", "is required: the notice must state each discrepancy (Art. 16(c)(ii)).");
            }

            Identifiers.Require(own[i].Code, $"notice.discrepancies[{i}].code");
        }

        var all = presentationPrivate.DetectedDiscrepancies
            .Concat(own.Where(d => !presentationPrivate.DetectedDiscrepancies.Any(x => x.Code == d.Code)))
            .ToArray();
        if (all.Length == 0)
        {
            throw TradeErrors.Invalid("notice.discrepancies", "must list at least one discrepancy: the chaincode found none (Art. 16(c)(ii)).");
        }

        return (
            presentation with
            {
                Status = PresentationStatus.Refused,
                RefusalDiscrepancies = all.Select(d => d.Code).ToArray(),
                Disposal = notice.Disposal,
                RefusedAt = now,
            },
            presentationPrivate with { RefusalDiscrepancies = all });
    }

    /// <summary>The applicant waives the discrepancies of a refused presentation whose documents the bank still holds (Art. 16(b)).</summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">409 unless Refused with the documents held.</exception>
    public static Presentation Waive(Presentation presentation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        RequirePresentationStatus(presentation, "waive the discrepancies of", PresentationStatus.Refused);
        if (presentation.Disposal == DocumentDisposal.ReturningDocuments)
        {
            throw TradeErrors.Conflict($"The documents of presentation '{presentation.PresentationId}' were returned to the presenter; there is nothing left to waive.");
        }

        return presentation with { Status = PresentationStatus.Waived, WaivedAt = now };
    }

    /// <summary>The applicant reimbursed the issuing bank for an honoured presentation.</summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">409 unless Honoured.</exception>
    public static Presentation Reimburse(Presentation presentation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        RequirePresentationStatus(presentation, "record reimbursement of", PresentationStatus.Honoured);
        return presentation with { Status = PresentationStatus.Reimbursed, ReimbursedAt = now };
    }

    private static List<Discrepancy> Detect(
        LetterOfCredit credit, CreditTerms terms, PresentationClaim claim, ShipmentEvidence shipment, BankingCalendar calendar, DateOnly today)
    {
        var found = new List<Discrepancy>();
        var lastDay = CreditRules.LastPresentationDay(terms, shipment.ShippedOnBoardDate, calendar);
        if (today > lastDay)
        {
            found.Add(new(DiscrepancyCodes.LatePresentation,
                $"Presented on {today:yyyy-MM-dd}, after the last day for presentation {lastDay:yyyy-MM-dd} ({terms.EffectivePresentationPeriodDays} days after shipment on {shipment.ShippedOnBoardDate:yyyy-MM-dd}; UCP 600 Art. 14(c), field 48)."));
        }

        if (terms.PartialShipments == ShipmentAllowance.NotAllowed)
        {
            if (credit.HonouredDrawings > 0)
            {
                found.Add(new(DiscrepancyCodes.PartialDrawingNotAllowed, "A drawing was already honoured and partial shipments are not allowed (field 43P; UCP 600 Art. 31)."));
            }
            else if ((Int128)claim.Amount * 100 < (Int128)terms.Amount * (100 - terms.Tolerance.MinusPercent))
            {
                found.Add(new(DiscrepancyCodes.PartialDrawingNotAllowed,
                    $"Drawing {claim.Amount} of {terms.Amount} {terms.Currency} when partial shipments are not allowed (field 43P; UCP 600 Art. 31)."));
            }
        }

        if (shipment.ShippedOnBoardDate > terms.LatestShipmentDate)
        {
            found.Add(new(DiscrepancyCodes.LateShipment,
                $"Shipped on board {shipment.ShippedOnBoardDate:yyyy-MM-dd}, after the latest shipment date {terms.LatestShipmentDate:yyyy-MM-dd} (field 44C)."));
        }

        if (!string.Equals(shipment.PortOfLoading, terms.PortOfLoading, StringComparison.Ordinal))
        {
            found.Add(new(DiscrepancyCodes.PortOfLoadingMismatch,
                $"The bill of lading shows port of loading {shipment.PortOfLoading}, the credit {terms.PortOfLoading} (field 44E; UCP 600 Art. 20(a)(iii))."));
        }

        if (!string.Equals(shipment.PortOfDischarge, terms.PortOfDischarge, StringComparison.Ordinal))
        {
            found.Add(new(DiscrepancyCodes.PortOfDischargeMismatch,
                $"The bill of lading shows port of discharge {shipment.PortOfDischarge}, the credit {terms.PortOfDischarge} (field 44F; UCP 600 Art. 20(a)(iii))."));
        }

        return found;
    }

    private static void RequireWithinBalance(LetterOfCredit credit, CreditPrivateData creditPrivate, long amount)
    {
        if (amount > CreditRules.AvailableBalance(creditPrivate.Terms, creditPrivate.DrawnAmount))
        {
            throw TradeErrors.Rule("UCP 600 Art. 30 (field 39A)", $"the amount claimed exceeds the available balance of credit '{credit.CreditId}' plus its tolerance.");
        }
    }

    private static void ValidateClaim(PresentationClaim? claim)
    {
        if (claim is null)
        {
            throw TradeErrors.Invalid("claim", "is required.");
        }

        if (claim.Amount <= 0)
        {
            throw TradeErrors.Invalid("claim.amount", "must be a positive number of minor units.");
        }

        if (claim.Documents is not { Count: > 0 })
        {
            throw TradeErrors.Invalid("claim.documents", "must list the documents presented besides the bill of lading (kind and SHA-256).");
        }

        for (var i = 0; i < claim.Documents.Count; i++)
        {
            var document = claim.Documents[i];
            Identifiers.Require(document?.Kind, $"claim.documents[{i}].kind");
            if (document!.Sha256 is null || !Sha256Pattern().IsMatch(document.Sha256))
            {
                throw TradeErrors.Invalid($"claim.documents[{i}].sha256", "must be 64 lowercase hexadecimal characters.");
            }
        }
    }

    private static void RequirePresentationStatus(Presentation presentation, string action, params PresentationStatus[] allowed)
    {
        if (!allowed.Contains(presentation.Status))
        {
            throw TradeErrors.Conflict(
                $"Cannot {action} presentation '{presentation.PresentationId}': it is {presentation.Status}, but must be {string.Join(" or ", allowed)}.");
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();
}
