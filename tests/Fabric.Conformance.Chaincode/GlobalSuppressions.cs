using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage(
    "Performance",
    "CA1822:Mark members as static",
    Justification = "Transactions must be instance methods: the contract API calls them on a new contract instance per transaction.",
    Scope = "namespaceanddescendants",
    Target = "~N:Fabric.Conformance.Chaincode")]
