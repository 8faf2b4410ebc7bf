using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fabric.Gateway.Client;

/// <summary>
/// A checkpointer persisted in a JSON file (<c>{"blockNumber":..,"transactionId":".."}</c>, the format of the
/// official Fabric clients' file checkpointers), so a listener resumes where it stopped after a restart. Each
/// checkpoint is written to a temporary file and renamed over the old one, so a crash never leaves a torn file.
/// </summary>
public sealed class FileCheckpointer : ICheckpointer, IDisposable
{
    private readonly string _path;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private State _state;

    private FileCheckpointer(string path, State state)
    {
        _path = path;
        _state = state;
    }

    public ulong BlockNumber => Volatile.Read(ref _state).BlockNumber;

    public string? TransactionId => Volatile.Read(ref _state).TransactionId;

    /// <summary>Opens (or creates) the checkpoint file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a checkpoint.</exception>
    public static async Task<FileCheckpointer> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var state = new State(0, string.Empty);
        if (File.Exists(fullPath) && new FileInfo(fullPath).Length > 0)
        {
            var stream = File.OpenRead(fullPath);
            await using (stream.ConfigureAwait(false))
            {
                try
                {
                    state = await JsonSerializer.DeserializeAsync(stream, CheckpointJson.Default.State, cancellationToken).ConfigureAwait(false)
                        ?? state;
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"{fullPath} is not a checkpoint file.", e);
                }
            }
        }

        var checkpointer = new FileCheckpointer(fullPath, state);
        await checkpointer.SaveAsync(state, cancellationToken).ConfigureAwait(false);
        return checkpointer;
    }

    public ValueTask CheckpointBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default) =>
        CheckpointTransactionAsync(blockNumber + 1, string.Empty, cancellationToken);

    public async ValueTask CheckpointTransactionAsync(ulong blockNumber, string transactionId, CancellationToken cancellationToken = default)
    {
        var state = new State(blockNumber, transactionId ?? string.Empty);
        await SaveAsync(state, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _state, state);
    }

    public ValueTask CheckpointChaincodeEventAsync(ChaincodeEvent chaincodeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chaincodeEvent);
        return CheckpointTransactionAsync(chaincodeEvent.BlockNumber, chaincodeEvent.TransactionId, cancellationToken);
    }

    /// <summary>Releases the write lock; the file stays as last written.</summary>
    public void Dispose() => _gate.Dispose();

    private async Task SaveAsync(State state, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var temporary = _path + ".tmp";
            var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, state, CheckpointJson.Default.State, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, _path, overwrite: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    internal sealed record State(
        [property: JsonPropertyName("blockNumber")] ulong BlockNumber,
        [property: JsonPropertyName("transactionId")] string TransactionId);
}

[JsonSerializable(typeof(FileCheckpointer.State))]
internal sealed partial class CheckpointJson : JsonSerializerContext;
