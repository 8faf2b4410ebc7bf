using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage(
    "Performance",
    "CA1822:Mark members as static",
    Justification = "Transactions must be instance methods: the contract API discovers them by reflection and calls them on a new contract instance per transaction.",
    Scope = "namespaceanddescendants",
    Target = "~N:HealthRecords.Contracts")]
