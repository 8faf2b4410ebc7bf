using Fabric.Chaincode;
using Fabric.Conformance.Chaincode;

await ChaincodeServer.CreateBuilder(args)
    .AddContract<BasicContract>()
    .WithInfo("conformance-basic", "1.0.0")
    .Build()
    .RunAsync()
    .ConfigureAwait(false);
