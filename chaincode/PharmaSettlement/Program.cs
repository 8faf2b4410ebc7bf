using Fabric.Chaincode;
using PharmaSettlement.Contracts;

// pharma-settlement as a chaincode-as-a-service server: configured from CHAINCODE_SERVER_ADDRESS, CHAINCODE_ID,
// the TLS variables and CORE_PEER_LOCALMSPID (see ChaincodeServer.CreateBuilder).
await using var server = ChaincodeServer.CreateBuilder(args)
    .WithInfo("pharma-settlement", "1.0.0")
    .AddContract<ConfigurationContract>()
    .AddContract<ProductsContract>()
    .AddContract<UnitsContract>()
    .AddContract<ShipmentsContract>()
    .AddContract<RecallsContract>()
    .AddContract<PricingContract>()
    .AddContract<ChargebacksContract>()
    .AddContract<InvoicesContract>()
    .AddContract<SettlementsContract>()
    .Build();
await server.RunAsync().ConfigureAwait(false);
