using Fabric.Chaincode.Identity;
using TradeFinance.Domain.Common;
using TradeFinance.Domain.Configuration;
using TradeFinance.Domain.Credits;

namespace TradeFinance.Contracts.Internal;

/// <summary>
/// Who is calling, from the certificate only (MSP ID and the <c>role</c> and <c>company</c> attributes): never from
/// an argument. Every check fails with 403 and says what was required.
/// </summary>
internal sealed class Caller
{
    private readonly IClientIdentity _identity;

    public Caller(IClientIdentity identity)
    {
        _identity = identity;
        Role = identity.GetAttributeValue(TradeRoles.RoleAttribute);
        Company = identity.GetAttributeValue(TradeRoles.CompanyAttribute);
    }

    public string MspId => _identity.MspId;

    public string? Role { get; }

    public string? Company { get; }

    /// <summary>The party the caller acts as: its company under its organization, or the organization itself for an officer.</summary>
    public Party AsParty()
    {
        return Role switch
        {
            TradeRoles.Officer => new Party(MspId),
            TradeRoles.Applicant or TradeRoles.Beneficiary when !string.IsNullOrEmpty(Company) => new Party(MspId, Company),
            _ => throw TradeErrors.Forbidden(
                "The caller's certificate must carry role=officer, or role=applicant/beneficiary with a company attribute."),
        };
    }

    /// <summary>An officer of an organization that plays <paramref name="role"/>.</summary>
    public void RequireOfficer(TradeConfiguration configuration, TradeRole role)
    {
        if (Role != TradeRoles.Officer || !configuration.Plays(MspId, role))
        {
            throw TradeErrors.Forbidden($"Only an officer (role=officer) of an organization playing {role} may do this; the caller is {Describe()}.");
        }
    }

    /// <summary>An officer of exactly <paramref name="mspId"/>.</summary>
    public void RequireOfficerOf(string mspId, string what)
    {
        if (Role != TradeRoles.Officer || MspId != mspId)
        {
            throw TradeErrors.Forbidden($"Only an officer (role=officer) of {what} {mspId} may do this; the caller is {Describe()}.");
        }
    }

    /// <summary>An officer of either bank of the credit.</summary>
    public void RequireBankOf(LetterOfCredit credit)
    {
        if (!IsBankOf(credit))
        {
            throw TradeErrors.Forbidden($"Only an officer of {credit.IssuingBankMspId} or {credit.AdvisingBankMspId} may do this; the caller is {Describe()}.");
        }
    }

    /// <summary>The credit's applicant: role=applicant and its company, a client of the issuing bank.</summary>
    public void RequireApplicantOf(LetterOfCredit credit)
    {
        if (!IsApplicantOf(credit))
        {
            throw TradeErrors.Forbidden($"Only the applicant of credit '{credit.CreditId}' (role=applicant, company={credit.ApplicantCompanyId}, {credit.IssuingBankMspId}) may do this; the caller is {Describe()}.");
        }
    }

    /// <summary>The credit's beneficiary: role=beneficiary and its company, a client of the advising bank.</summary>
    public void RequireBeneficiaryOf(LetterOfCredit credit)
    {
        if (!IsBeneficiaryOf(credit))
        {
            throw TradeErrors.Forbidden($"Only the beneficiary of credit '{credit.CreditId}' (role=beneficiary, company={credit.BeneficiaryCompanyId}, {credit.AdvisingBankMspId}) may do this; the caller is {Describe()}.");
        }
    }

    /// <summary>Anyone party to the credit: its banks' officers, its applicant, its beneficiary.</summary>
    public void RequirePartyTo(LetterOfCredit credit)
    {
        if (!IsBankOf(credit) && !IsApplicantOf(credit) && !IsBeneficiaryOf(credit))
        {
            throw TradeErrors.Forbidden($"Only the banks, the applicant and the beneficiary of credit '{credit.CreditId}' may read it; the caller is {Describe()}.");
        }
    }

    public bool IsBankOf(LetterOfCredit credit) =>
        Role == TradeRoles.Officer && (MspId == credit.IssuingBankMspId || MspId == credit.AdvisingBankMspId);

    public bool IsApplicantOf(LetterOfCredit credit) =>
        Role == TradeRoles.Applicant && MspId == credit.IssuingBankMspId && Company == credit.ApplicantCompanyId;

    public bool IsBeneficiaryOf(LetterOfCredit credit) =>
        Role == TradeRoles.Beneficiary && MspId == credit.AdvisingBankMspId && Company == credit.BeneficiaryCompanyId;

    /// <summary>IDs only, for 403 messages.</summary>
    public string Describe() =>
        $"{MspId} with role={Role ?? "(none)"}{(Company is null ? string.Empty : $", company={Company}")}";
}
