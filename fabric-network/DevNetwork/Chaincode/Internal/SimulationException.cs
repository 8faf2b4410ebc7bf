namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>A request of the chaincode that Fabric would refuse; the message is Fabric's own text and goes back to the chaincode.</summary>
internal sealed class SimulationException(string message) : Exception(message);
