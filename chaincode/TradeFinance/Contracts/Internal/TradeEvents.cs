using TradeFinance.Domain.BillsOfLading;
using TradeFinance.Domain.Common;
using TradeFinance.Domain.Credits;

namespace TradeFinance.Contracts.Internal;

/// <summary>The names of the chaincode events, one per kind of state change.</summary>
internal static class TradeEvents
{
    public const string ConfigurationInitialized = "TradeConfigurationInitialized";
    public const string ConfigurationUpdated = "TradeConfigurationUpdated";
    public const string CreditApplied = "LetterOfCreditApplied";
    public const string CreditIssued = "LetterOfCreditIssued";
    public const string CreditAdvised = "LetterOfCreditAdvised";
    public const string CreditCancelled = "LetterOfCreditCancelled";
    public const string CreditExpired = "LetterOfCreditExpired";
    public const string AmendmentProposed = "AmendmentProposed";
    public const string AmendmentAccepted = "AmendmentAccepted";
    public const string AmendmentRejected = "AmendmentRejected";
    public const string DocumentsPresented = "DocumentsPresented";
    public const string PresentationHonoured = "PresentationHonoured";
    public const string PresentationRefused = "PresentationRefused";
    public const string DiscrepanciesWaived = "DiscrepanciesWaived";
    public const string ReimbursementRecorded = "ReimbursementRecorded";
    public const string BillIssued = "BillOfLadingIssued";
    public const string BillTransferred = "BillOfLadingTransferred";
    public const string SurrenderRequested = "BillOfLadingSurrenderRequested";
    public const string SurrenderAccepted = "BillOfLadingSurrenderAccepted";
    public const string SurrenderRejected = "BillOfLadingSurrenderRejected";
    public const string BillVoided = "BillOfLadingVoided";
}

/// <summary>The payload of every credit event: IDs, states and discrepancy codes, never amounts or goods.</summary>
public sealed record CreditEvent(
    string CreditId,
    CreditStatus CreditStatus,
    string TxId,
    string? AmendmentId = null,
    AmendmentStatus? AmendmentStatus = null,
    string? PresentationId = null,
    PresentationStatus? PresentationStatus = null,
    string? BillOfLadingId = null,
    IReadOnlyList<string>? DiscrepancyCodes = null);

/// <summary>The payload of every eB/L event: the bill, its state, its holder and the chain link just added.</summary>
public sealed record BillOfLadingEvent(
    string BillOfLadingId, BillOfLadingStatus Status, Party Holder, EndorsementAction Action, int Sequence, string TxId);

/// <summary>The payload of configuration events: the organizations that must endorse the next change.</summary>
public sealed record ConfigurationEvent(IReadOnlyList<string> Organizations, string TxId);
