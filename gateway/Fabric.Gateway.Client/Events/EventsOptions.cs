namespace Fabric.Gateway.Client;

/// <summary>
/// Where an event stream starts. With neither set, it starts at the next block to be committed. A non-empty
/// <see cref="Checkpoint"/> wins over <see cref="StartBlock"/>.
/// </summary>
public sealed class EventsOptions
{
    /// <summary>The first block to read. Default null (next commit).</summary>
    public ulong? StartBlock { get; set; }

    /// <summary>Resume after the position a checkpointer recorded. Default null.</summary>
    public ICheckpoint? Checkpoint { get; set; }
}
