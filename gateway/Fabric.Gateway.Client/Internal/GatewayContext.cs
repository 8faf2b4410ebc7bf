using Microsoft.Extensions.Logging;

namespace Fabric.Gateway.Client.Internal;

/// <summary>What every object obtained from one <see cref="Gateway"/> shares.</summary>
internal sealed record GatewayContext(
    GatewayRpc Rpc,
    SigningIdentity Signing,
    GatewayOptions Options,
    TimeProvider Time,
    ILogger Logger,
    Polly.ResiliencePipeline MvccConflictRetry);
