using TradeFinance.Domain.Common;

namespace TradeFinance.Domain.Credits;

/// <summary>The transitions of a credit that involve no presentation or amendment: apply, issue, advise, withdraw, expire.</summary>
public static class LetterOfCreditLifecycle
{
    /// <summary>
    /// A new application by the applicant company <paramref name="applicantCompanyId"/>, a client of
    /// <paramref name="issuingBankMspId"/>. The terms must name that company as applicant (50).
    /// </summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">400 for invalid terms; 403 when the terms name another applicant.</exception>
    public static LetterOfCredit Apply(
        string creditId, CreditTerms terms, string issuingBankMspId, string applicantCompanyId, byte[] salt, DateTimeOffset now)
    {
        Identifiers.Require(creditId, "creditId");
        CreditTermsValidator.Validate(terms, CreditRules.DateOf(now));
        if (!string.Equals(terms.Applicant!.CompanyId, applicantCompanyId, StringComparison.Ordinal))
        {
            throw TradeErrors.Forbidden("An applicant may only apply for a credit in its own name: terms.applicant.companyId must be the caller's company.");
        }

        return new LetterOfCredit
        {
            CreditId = creditId,
            Status = CreditStatus.Applied,
            IssuingBankMspId = issuingBankMspId,
            AdvisingBankMspId = terms.AdvisingBankMspId!,
            ApplicantCompanyId = applicantCompanyId,
            BeneficiaryCompanyId = terms.Beneficiary!.CompanyId!,
            TermsHash = SaltedHash.Compute(salt, terms),
            AppliedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>The issuing bank issues the credit; from now on it is irrevocably bound (Art. 7(b)).</summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">409 unless Applied; 422 when the expiry date has passed.</exception>
    public static LetterOfCredit Issue(LetterOfCredit credit, CreditTerms terms, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credit);
        ArgumentNullException.ThrowIfNull(terms);
        RequireStatus(credit, "issue", CreditStatus.Applied);
        if (CreditRules.DateOf(now) >= terms.ExpiryDate)
        {
            throw TradeErrors.Rule("UCP 600 Art. 6(d)", "a credit cannot be issued on or after its expiry date.");
        }

        return credit with { Status = CreditStatus.Issued, IssuedAt = now, UpdatedAt = now };
    }

    /// <summary>The advising bank advises the credit to the beneficiary (Art. 9).</summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">409 unless Issued.</exception>
    public static LetterOfCredit Advise(LetterOfCredit credit, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credit);
        RequireStatus(credit, "advise", CreditStatus.Issued);
        return credit with { Status = CreditStatus.Advised, AdvisedAt = now, UpdatedAt = now };
    }

    /// <summary>
    /// The applicant or the issuing bank withdraws an application that was not issued. An issued credit is
    /// cancelled only by an amendment the beneficiary accepts (Art. 10(a)).
    /// </summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">409 unless Applied.</exception>
    public static LetterOfCredit Withdraw(LetterOfCredit credit, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credit);
        if (credit.Status is CreditStatus.Issued or CreditStatus.Advised)
        {
            throw TradeErrors.Conflict(
                $"Credit '{credit.CreditId}' is {credit.Status}: an issued credit can only be cancelled by an amendment the beneficiary accepts (UCP 600 Art. 10(a)).");
        }

        RequireStatus(credit, "withdraw", CreditStatus.Applied);
        return Close(credit, CreditStatus.Cancelled, now);
    }

    /// <summary>Marks the credit expired once the (banking-day adjusted) expiry date has passed.</summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">409 unless Issued or Advised; 422 before the expiry has passed.</exception>
    public static LetterOfCredit Expire(LetterOfCredit credit, CreditTerms terms, BankingCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credit);
        ArgumentNullException.ThrowIfNull(terms);
        RequireStatus(credit, "expire", CreditStatus.Issued, CreditStatus.Advised);
        var expiry = CreditRules.EffectiveExpiry(terms, calendar);
        if (CreditRules.DateOf(now) <= expiry)
        {
            throw TradeErrors.Rule("UCP 600 Art. 6(d)", $"credit '{credit.CreditId}' is valid for presentation until the end of its expiry date (Art. 29(a) applied).");
        }

        return Close(credit, CreditStatus.Expired, now);
    }

    internal static LetterOfCredit Close(LetterOfCredit credit, CreditStatus status, DateTimeOffset now) =>
        credit with { Status = status, ClosedAt = now, UpdatedAt = now, PendingAmendmentId = null };

    /// <summary>Throws 409 unless the credit is in one of <paramref name="allowed"/>.</summary>
    internal static void RequireStatus(LetterOfCredit credit, string action, params CreditStatus[] allowed)
    {
        if (!allowed.Contains(credit.Status))
        {
            throw TradeErrors.Conflict(
                $"Cannot {action} credit '{credit.CreditId}': it is {credit.Status}, but must be {string.Join(" or ", allowed)}.");
        }
    }
}
