using Fabric.Chaincode.Internal;
using Microsoft.Extensions.Configuration;

namespace Fabric.Chaincode.Tests.Internal;

/// <summary>Reads options from a builder's configuration exactly as Build() does.</summary>
internal static class ServerConfigurationAccess
{
    public static ChaincodeServerOptions Read(ChaincodeServerBuilder builder) => ServerConfiguration.Read(builder.Configuration);
}
