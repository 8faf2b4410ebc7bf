using Fabric.Gateway.Client.Identity;

namespace Fabric.Gateway.Client;

/// <summary>
/// Settings of a <see cref="Gateway"/>. The official Fabric clients have no default timeouts; these defaults are the
/// ones every Fabric sample sets. <see cref="Validate"/> runs when the gateway is connected.
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>Deadline of an evaluate call, retries included. Default 5 seconds.</summary>
    public TimeSpan EvaluateTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of an endorse call. Default 15 seconds.</summary>
    public TimeSpan EndorseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Deadline of a submit call (until the orderer accepted the transaction), retries included. Default 5 seconds.</summary>
    public TimeSpan SubmitTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of a commit-status call (waiting for the block), retries included. Default 1 minute.</summary>
    public TimeSpan CommitStatusTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How messages are hashed before signing. Default <see cref="DigestAlgorithm.Sha256"/>.</summary>
    public DigestAlgorithm DigestAlgorithm { get; set; } = DigestAlgorithm.Sha256;

    /// <summary>
    /// SHA-256 of the client's TLS certificate (DER), put into block-event requests when the peer requires mutual TLS
    /// binding. Default empty (none).
    /// </summary>
    public ReadOnlyMemory<byte> TlsClientCertificateHash { get; set; }

    /// <summary>
    /// How many times evaluate, submit (the same signed transaction) and commit-status calls are retried when the
    /// gateway is UNAVAILABLE; 0 turns retries off. Endorse is never retried. Default 3, at most 10.
    /// </summary>
    public int UnavailableRetryAttempts { get; set; } = 3;

    /// <summary>First delay between those retries; it grows exponentially with jitter. Default 200 ms, at most 30 s.</summary>
    public TimeSpan UnavailableRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Opt-in: how many times a submit whose transaction failed validation with MVCC_READ_CONFLICT is run again
    /// from a new proposal (new transaction ID, fresh endorsement). Applies only to
    /// <see cref="Contract.SubmitAsync(string, ProposalOptions?, CancellationToken)"/> and
    /// <see cref="Contract.SubmitTransactionAsync(string, string[])"/>. Default 0 (off), at most 5.
    /// </summary>
    public int MvccReadConflictRetryAttempts { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid setting.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        CheckTimeout(problems, nameof(EvaluateTimeout), EvaluateTimeout);
        CheckTimeout(problems, nameof(EndorseTimeout), EndorseTimeout);
        CheckTimeout(problems, nameof(SubmitTimeout), SubmitTimeout);
        CheckTimeout(problems, nameof(CommitStatusTimeout), CommitStatusTimeout);
        if (!Enum.IsDefined(DigestAlgorithm))
        {
            problems.Add($"{nameof(DigestAlgorithm)} {DigestAlgorithm} is not a known algorithm.");
        }

        if (UnavailableRetryAttempts is < 0 or > 10)
        {
            problems.Add($"{nameof(UnavailableRetryAttempts)} must be between 0 and 10 (was {UnavailableRetryAttempts}).");
        }

        if (UnavailableRetryDelay < TimeSpan.Zero || UnavailableRetryDelay > TimeSpan.FromSeconds(30))
        {
            problems.Add($"{nameof(UnavailableRetryDelay)} must be between 0 and 30 seconds (was {UnavailableRetryDelay}).");
        }

        if (MvccReadConflictRetryAttempts is < 0 or > 5)
        {
            problems.Add($"{nameof(MvccReadConflictRetryAttempts)} must be between 0 and 5 (was {MvccReadConflictRetryAttempts}).");
        }

        if (TlsClientCertificateHash.Length is not (0 or 32))
        {
            problems.Add($"{nameof(TlsClientCertificateHash)} must be empty or a 32-byte SHA-256 hash (was {TlsClientCertificateHash.Length} bytes).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid GatewayOptions: " + string.Join(" ", problems));
        }
    }

    internal GatewayOptions Clone() => (GatewayOptions)MemberwiseClone();

    private static void CheckTimeout(List<string> problems, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            problems.Add($"{name} must be positive or Timeout.InfiniteTimeSpan (was {value}).");
        }
    }
}
