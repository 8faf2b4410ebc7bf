using Microsoft.Extensions.Logging;

namespace TradeFinance.Contracts.Internal;

/// <summary>Log messages of the contracts, with fixed event IDs. They carry IDs and states only, never private terms.</summary>
internal static partial class TradeLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Credit {CreditId} is {Status} (tx {TxId})")]
    public static partial void CreditChanged(ILogger logger, string creditId, TradeFinance.Domain.Credits.CreditStatus status, string txId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Presentation {PresentationId} of credit {CreditId} is {Status} (tx {TxId})")]
    public static partial void PresentationChanged(ILogger logger, string creditId, string presentationId, TradeFinance.Domain.Credits.PresentationStatus status, string txId);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Amendment {AmendmentId} of credit {CreditId} is {Status} (tx {TxId})")]
    public static partial void AmendmentChanged(ILogger logger, string creditId, string amendmentId, TradeFinance.Domain.Credits.AmendmentStatus status, string txId);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "eB/L {BillOfLadingId}: {Action}, now {Status} held by {Holder} (tx {TxId})")]
    public static partial void BillChanged(ILogger logger, string billOfLadingId, TradeFinance.Domain.BillsOfLading.EndorsementAction action, TradeFinance.Domain.BillsOfLading.BillOfLadingStatus status, TradeFinance.Domain.Common.Party holder, string txId);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Trade configuration {Change}: organizations {Organizations} (tx {TxId})")]
    public static partial void ConfigurationChanged(ILogger logger, string change, IReadOnlyList<string> organizations, string txId);
}
