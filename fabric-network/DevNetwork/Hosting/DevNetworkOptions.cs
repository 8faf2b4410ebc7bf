using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabric.DevNetwork.Hosting;

/// <summary>How the dev network runs; validated when it starts.</summary>
internal sealed class DevNetworkOptions
{
    /// <summary>Where crypto material, blocks and state are kept; default <c>.devnet</c> (git-ignored).</summary>
    public string DataDirectory { get; set; } = ".devnet";

    /// <summary>The world state and chaincode runtime; default <see cref="DevNetworkComponents.Default"/>.</summary>
    public DevNetworkComponents Components { get; set; } = DevNetworkComponents.Default;

    /// <summary>Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Default: no logging.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new ArgumentException("DevNetworkOptions.DataDirectory is required.");
        }

        DataDirectory = Path.GetFullPath(DataDirectory);
    }
}
