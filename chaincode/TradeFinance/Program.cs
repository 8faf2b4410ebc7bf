using Fabric.Chaincode;
using TradeFinance.Contracts;

// Chaincode-as-a-service: the peer dials this server. Address, package ID and TLS come from the environment
// (CHAINCODE_SERVER_ADDRESS, CHAINCODE_ID, CHAINCODE_TLS_*), see docs/trade-finance.md.
await ChaincodeServer.CreateBuilder(args)
    .AddContract<LetterOfCreditContract>()
    .AddContract<BillOfLadingContract>()
    .AddContract<TradeConfigurationContract>()
    .WithInfo("trade-finance", "1.0.0")
    .Build()
    .RunAsync()
    .ConfigureAwait(false);
