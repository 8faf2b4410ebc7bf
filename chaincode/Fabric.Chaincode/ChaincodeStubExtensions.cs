using System.Text;
using System.Text.Json;

namespace Fabric.Chaincode;

/// <summary>Typed helpers over <see cref="IChaincodeStub"/>: JSON and string values.</summary>
public static class ChaincodeStubExtensions
{
    /// <summary>The value of <paramref name="key"/> read as JSON, or default when the key does not exist.</summary>
    public static async Task<T?> GetStateJsonAsync<T>(this IChaincodeStub stub, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stub);
        var bytes = await stub.GetStateAsync(key, cancellationToken).ConfigureAwait(false);
        return bytes is null ? default : JsonSerializer.Deserialize<T>(bytes, ChaincodeJson.Options);
    }

    /// <summary>Writes <paramref name="value"/> as JSON.</summary>
    public static Task PutStateJsonAsync<T>(this IChaincodeStub stub, string key, T value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stub);
        return stub.PutStateAsync(key, JsonSerializer.SerializeToUtf8Bytes(value, ChaincodeJson.Options), cancellationToken);
    }

    /// <summary>The value of <paramref name="key"/> as UTF-8 text, or null.</summary>
    public static async Task<string?> GetStateStringAsync(this IChaincodeStub stub, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stub);
        var bytes = await stub.GetStateAsync(key, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Writes <paramref name="value"/> as UTF-8 text.</summary>
    public static Task PutStateStringAsync(this IChaincodeStub stub, string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stub);
        return stub.PutStateAsync(key, Encoding.UTF8.GetBytes(value), cancellationToken);
    }

    /// <summary>True when <paramref name="key"/> exists.</summary>
    public static async Task<bool> StateExistsAsync(this IChaincodeStub stub, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stub);
        return await stub.GetStateAsync(key, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>A private value read as JSON, or default when it does not exist.</summary>
    public static async Task<T?> GetPrivateDataJsonAsync<T>(
        this IChaincodeStub stub, string collection, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stub);
        var bytes = await stub.GetPrivateDataAsync(collection, key, cancellationToken).ConfigureAwait(false);
        return bytes is null ? default : JsonSerializer.Deserialize<T>(bytes, ChaincodeJson.Options);
    }

    /// <summary>Writes a private value as JSON.</summary>
    public static Task PutPrivateDataJsonAsync<T>(
        this IChaincodeStub stub, string collection, string key, T value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stub);
        return stub.PutPrivateDataAsync(collection, key, JsonSerializer.SerializeToUtf8Bytes(value, ChaincodeJson.Options), cancellationToken);
    }

    /// <summary>Sets the chaincode event with a JSON payload.</summary>
    public static void SetEventJson<T>(this IChaincodeStub stub, string name, T payload)
    {
        ArgumentNullException.ThrowIfNull(stub);
        stub.SetEvent(name, JsonSerializer.SerializeToUtf8Bytes(payload, ChaincodeJson.Options));
    }

    /// <summary>A transient value read as JSON, or default when the proposal has no such transient key.</summary>
    public static T? GetTransientJson<T>(this IChaincodeStub stub, string key)
    {
        ArgumentNullException.ThrowIfNull(stub);
        return stub.Transient.TryGetValue(key, out var bytes) ? JsonSerializer.Deserialize<T>(bytes, ChaincodeJson.Options) : default;
    }
}
