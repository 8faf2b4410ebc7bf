namespace Fabric.Admin;

/// <summary>What went wrong, as far as an admin needs to know to fix it; each kind has its own exit code.</summary>
internal enum AdminErrorKind
{
    /// <summary>The peer or orderer answered and refused (endorsement failure, invalid transaction, lifecycle rule).</summary>
    Rejected = 1,

    /// <summary>Bad arguments or input files: nothing was sent.</summary>
    InvalidInput = 2,

    /// <summary>A peer or the orderer could not be reached (connection refused, DNS, TLS handshake).</summary>
    Unreachable = 3,

    /// <summary>The identity is not allowed to do this (not an admin of the organization, not a channel member).</summary>
    PermissionDenied = 4,

    /// <summary>The command did not finish within --timeout.</summary>
    Timeout = 5,

    /// <summary>The package ID computed here and the one a peer reports (or the one given) disagree.</summary>
    PackageIdMismatch = 6,
}

/// <summary>A failure reported to the admin as one line and an exit code (see <see cref="AdminErrorKind"/>).</summary>
internal sealed class AdminException : Exception
{
    public AdminException(AdminErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public AdminException()
    {
    }

    public AdminException(string message)
        : base(message)
    {
    }

    public AdminException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AdminErrorKind Kind { get; } = AdminErrorKind.Rejected;

    public int ExitCode => (int)Kind;
}
