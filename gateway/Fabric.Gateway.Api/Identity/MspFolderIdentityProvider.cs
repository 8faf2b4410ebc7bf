using System.Collections.Concurrent;
using Fabric.Gateway.Api.Configuration;
using Fabric.Gateway.Client.Identity;
using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Identity;

/// <summary>
/// Loads each configured identity once from its MSP folder (<c>signcerts/</c> + <c>keystore/</c>) with
/// <see cref="MspFolder.LoadAsync"/> and keeps it; a failed load is retried on the next request.
/// </summary>
internal sealed class MspFolderIdentityProvider(IOptions<FabricOptions> options) : IIdentityProvider
{
    private readonly ConcurrentDictionary<string, Lazy<Task<FabricIdentity>>> _loaded = new(StringComparer.Ordinal);

    public async ValueTask<FabricIdentity> GetAsync(string identityName, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Identities.TryGetValue(identityName, out var identity))
        {
            throw new KeyNotFoundException($"The identity '{identityName}' is not configured.");
        }

        var lazy = _loaded.GetOrAdd(identityName, name => new Lazy<Task<FabricIdentity>>(() => LoadAsync(name, identity, settings)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _loaded.TryRemove(new KeyValuePair<string, Lazy<Task<FabricIdentity>>>(identityName, lazy));
            throw;
        }
    }

    private static async Task<FabricIdentity> LoadAsync(string name, IdentityOptions identity, FabricOptions settings)
    {
        // Not the request's token: the load is shared by every request waiting for this identity.
        var credentials = await MspFolder.LoadAsync(settings.ResolvePath(identity.MspFolder), identity.MspId, CancellationToken.None)
            .ConfigureAwait(false);
        return new FabricIdentity(name, credentials.Identity, credentials.Signer);
    }
}
