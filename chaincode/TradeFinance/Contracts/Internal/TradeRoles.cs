namespace TradeFinance.Contracts.Internal;

/// <summary>The values of the <c>role</c> certificate attribute that this chaincode understands, and the attribute names.</summary>
internal static class TradeRoles
{
    /// <summary>Certificate attribute naming what the identity does.</summary>
    public const string RoleAttribute = "role";

    /// <summary>Certificate attribute naming the company a client identity acts for.</summary>
    public const string CompanyAttribute = "company";

    /// <summary>An importer, client of an issuing bank.</summary>
    public const string Applicant = "applicant";

    /// <summary>An exporter, client of an advising bank.</summary>
    public const string Beneficiary = "beneficiary";

    /// <summary>Staff acting for the organization itself (bank officer, carrier's documentation clerk).</summary>
    public const string Officer = "officer";
}
