using System.Text.Json;
using System.Text.Json.Nodes;
using Fabric.TestSupport;

namespace Fabric.Chaincode.Tests.Support;

/// <summary>Asks the official fabric-shim npm package (tests/conformance/chaincode/shim-reference.js) for reference values.</summary>
internal static class FabricShimReference
{
    public static async Task<JsonNode> AskAsync(object request)
    {
        var output = await NodeScript.RunAsync(
            Path.Combine("chaincode", "shim-reference.js"), TimeSpan.FromSeconds(30), JsonSerializer.Serialize(request));
        // fabric-shim's logger may print to stdout too; the script writes its answer as the last line.
        var answer = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        return JsonNode.Parse(answer)!;
    }
}
