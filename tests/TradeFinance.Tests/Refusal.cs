using Fabric.Chaincode;
using FluentAssertions;

namespace TradeFinance.Tests;

/// <summary>Asserts that a rule refuses with a given status, and returns the message for further checks.</summary>
internal static class Refusal
{
    public static string Expect(int status, Action action)
    {
        var thrown = FluentActions.Invoking(action).Should().Throw<ChaincodeException>().Which;
        thrown.Status.Should().Be(status, "the message was: {0}", thrown.Message);
        return thrown.Message;
    }

    public static async Task<string> ExpectAsync(int status, Func<Task> action)
    {
        var thrown = (await FluentActions.Awaiting(action).Should().ThrowAsync<ChaincodeException>()).Which;
        thrown.Status.Should().Be(status, "the message was: {0}", thrown.Message);
        return thrown.Message;
    }
}
