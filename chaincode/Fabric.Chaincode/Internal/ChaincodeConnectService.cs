using Fabric.Protos.Peer;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ChaincodeService = Fabric.Protos.Peer.Chaincode;

namespace Fabric.Chaincode.Internal;

/// <summary>The gRPC service <c>protos.Chaincode</c> that Fabric peers dial for chaincode-as-a-service.</summary>
internal sealed class ChaincodeConnectService : ChaincodeService.ChaincodeBase
{
    private readonly IChaincode _chaincode;
    private readonly ChaincodeServerOptions _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;

    public ChaincodeConnectService(
        IChaincode chaincode, IOptions<ChaincodeServerOptions> options, IHostApplicationLifetime lifetime, ILoggerFactory loggerFactory)
    {
        _chaincode = chaincode;
        _options = options.Value;
        _lifetime = lifetime;
        _logger = loggerFactory.CreateLogger("Fabric.Chaincode.Server");
    }

    public override async Task Connect(
        IAsyncStreamReader<ChaincodeMessage> requestStream, IServerStreamWriter<ChaincodeMessage> responseStream, ServerCallContext context)
    {
        using var session = new PeerSession(_chaincode, _options.PackageId, _options.LocalMspId, context.Peer, _logger);
        await session.RunAsync(
            requestStream, responseStream, _options.ShutdownTimeout, context.CancellationToken, _lifetime.ApplicationStopping).ConfigureAwait(false);
    }
}
