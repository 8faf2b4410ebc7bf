namespace Fabric.Chaincode.Contracts;

/// <summary>Title and version of the whole chaincode, as reported in the contract metadata's <c>info</c>.</summary>
public sealed record ChaincodeInfo(string Title, string Version);
