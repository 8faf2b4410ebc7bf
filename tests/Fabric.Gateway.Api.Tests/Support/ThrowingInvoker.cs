using Fabric.Gateway.Api.Fabric;

namespace Fabric.Gateway.Api.Tests.Support;

/// <summary>An invoker that fails with a given exception: for tests about how the API answers failures.</summary>
internal sealed class ThrowingInvoker(Exception exception) : IChaincodeInvoker
{
    public Task<ReadOnlyMemory<byte>> EvaluateAsync(ChaincodeCall transaction, CancellationToken cancellationToken) =>
        Task.FromException<ReadOnlyMemory<byte>>(exception);

    public Task<SubmitOutcome> SubmitAsync(ChaincodeCall transaction, CancellationToken cancellationToken) =>
        Task.FromException<SubmitOutcome>(exception);
}
