using Fabric.Chaincode;
using HealthRecords.Domain;

namespace HealthRecords.Internal;

/// <summary>
/// Purges every shared copy made under one consent or emergency access: PurgePrivateData removes the copy and
/// its history from every member peer's private store; the public share entry stays (status purged) with the
/// content hash as evidence.
/// </summary>
internal static class SharePurge
{
    /// <summary>Purges the copies still present; returns the IDs of the records purged.</summary>
    public static async Task<IReadOnlyList<string>> PurgeAsync(IChaincodeStub stub, HealthLedger ledger, ShareBasis basis, string authorizationId)
    {
        var purged = new List<string>();
        foreach (var share in await ledger.GetSharesAsync(basis, authorizationId).ConfigureAwait(false))
        {
            if (share.Status == ShareStatus.Purged)
            {
                continue;
            }

            // Every pairwise collection of one authorization includes the grantee, so the grantee's peer can endorse it all.
            EndorsingPeer.RequireEither(stub, share.AuthorMspId, share.GranteeMspId, "purge shared copies");
            await ledger.PurgeSharedContentAsync(share).ConfigureAwait(false);
            await ledger.PutShareAsync(ShareRules.Purge(share, ledger.Now)).ConfigureAwait(false);
            purged.Add(share.RecordId);
        }

        return purged;
    }
}
