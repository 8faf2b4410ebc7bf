using Fabric.Chaincode;
using HealthRecords.Contracts;

// The health-records chaincode as a service: the peer dials this server (CHAINCODE_SERVER_ADDRESS, CHAINCODE_ID, TLS
// settings and CORE_PEER_LOCALMSPID from the environment or --NAME=value arguments; see docs/health-records.md).
await ChaincodeServer.CreateBuilder(args)
    .AddContract<RecordsContract>()
    .AddContract<AmendmentsContract>()
    .AddContract<ConsentsContract>()
    .AddContract<SharingContract>()
    .AddContract<EmergencyContract>()
    .AddContract<AuditContract>()
    .AddContract<ConfigurationContract>()
    .WithInfo("health-records", "1.0.0")
    .Build()
    .RunAsync()
    .ConfigureAwait(false);
