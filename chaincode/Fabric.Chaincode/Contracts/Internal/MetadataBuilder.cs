using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabric.Chaincode.Contracts.Internal;

/// <summary>
/// The contract metadata returned by <c>org.hyperledger.fabric:GetMetadata</c>, in the shape fabric-contract-api
/// produces (its contract-schema.json): <c>$schema</c>, <c>info</c>, <c>contracts</c> by name (each with name,
/// contractInstance, transactions with tag, parameters and returns, and info) and <c>components.schemas</c>.
/// </summary>
internal static class MetadataBuilder
{
    public const string SchemaUri = "https://hyperledger.github.io/fabric-chaincode-node/main/api/contract-schema.json";

    public static string Build(IReadOnlyList<ContractDescriptor> contracts, ContractDescriptor defaultContract, ChaincodeInfo info)
    {
        var schemas = new JsonSchemaBuilder();
        var contractsNode = new JsonObject();
        foreach (var contract in contracts)
        {
            var transactions = new JsonArray();
            foreach (var transaction in contract.Transactions)
            {
                var parameters = new JsonArray();
                foreach (var parameter in transaction.Arguments)
                {
                    parameters.Add(new JsonObject
                    {
                        ["name"] = parameter.Name,
                        ["description"] = parameter.Description,
                        ["schema"] = schemas.SchemaOf(parameter.Type),
                    });
                }

                var node = new JsonObject
                {
                    ["name"] = transaction.Name,
                    ["tag"] = transaction.Intent == TransactionIntent.Submit
                        ? new JsonArray("SUBMIT", "submitTx")
                        : new JsonArray("EVALUATE"),
                    ["parameters"] = parameters,
                };
                if (transaction.ResultType is { } resultType)
                {
                    node["returns"] = schemas.SchemaOf(resultType);
                }

                transactions.Add(node);
            }

            var instance = new JsonObject { ["name"] = contract.Name };
            if (ReferenceEquals(contract, defaultContract))
            {
                instance["default"] = true;
            }

            contractsNode[contract.Name] = new JsonObject
            {
                ["name"] = contract.Name,
                ["contractInstance"] = instance,
                ["transactions"] = transactions,
                ["info"] = new JsonObject { ["title"] = contract.Title, ["version"] = contract.Version },
            };
        }

        contractsNode[ContractChaincode.SystemContractName] = new JsonObject
        {
            ["name"] = ContractChaincode.SystemContractName,
            ["contractInstance"] = new JsonObject { ["name"] = ContractChaincode.SystemContractName },
            ["transactions"] = new JsonArray(new JsonObject
            {
                ["name"] = ContractChaincode.GetMetadataTransaction,
                ["tag"] = new JsonArray("EVALUATE"),
                ["parameters"] = new JsonArray(),
                ["returns"] = new JsonObject { ["type"] = "string" },
            }),
            ["info"] = new JsonObject { ["title"] = string.Empty, ["version"] = string.Empty },
        };

        var components = new JsonObject();
        foreach (var (name, schema) in schemas.Components)
        {
            components[name] = schema;
        }

        var root = new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["info"] = new JsonObject { ["title"] = info.Title, ["version"] = info.Version },
            ["contracts"] = contractsNode,
            ["components"] = new JsonObject { ["schemas"] = components },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
