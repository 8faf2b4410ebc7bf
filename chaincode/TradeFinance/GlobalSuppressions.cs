using System.Diagnostics.CodeAnalysis;

// The contract API calls transactions on a new contract instance per transaction, so they are instance methods
// even when they use no instance state.
[assembly: SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Contract transactions must be instance methods.", Scope = "namespaceanddescendants", Target = "~N:TradeFinance.Contracts")]
