using System.Globalization;
using System.Text;

namespace Fabric.Chaincode.Benchmarks;

/// <summary>
/// The chaincode under test: <c>get n</c> reads n keys, <c>put n</c> writes n keys, <c>rw r w</c> reads r keys and
/// writes w keys (a typical business transaction), each one stub call at a time as real chaincode does.
/// </summary>
internal sealed class StateChaincode : IChaincode
{
    private static readonly byte[] Value = new byte[100];

    public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken) =>
        Task.FromResult(ChaincodeResponse.Success());

    public async Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken)
    {
        var (function, parameters) = stub.GetFunctionAndParameters();
        var reads = function is "get" or "rw" ? int.Parse(parameters[0], CultureInfo.InvariantCulture) : 0;
        var writes = function switch
        {
            "put" => int.Parse(parameters[0], CultureInfo.InvariantCulture),
            "rw" => int.Parse(parameters[1], CultureInfo.InvariantCulture),
            _ => 0,
        };

        for (var i = 0; i < reads; i++)
        {
            await stub.GetStateAsync("key" + i.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        for (var i = 0; i < writes; i++)
        {
            await stub.PutStateAsync("key" + i.ToString(CultureInfo.InvariantCulture), Value, cancellationToken);
        }

        return ChaincodeResponse.Success(Encoding.UTF8.GetBytes("ok"));
    }
}
