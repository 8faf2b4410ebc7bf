using System.Text;
using Fabric.Chaincode.Testing;
using FluentAssertions;

namespace HealthRecords.Tests.Support;

/// <summary>Checks that a private text appears nowhere public: neither in public state nor in any event.</summary>
internal static class PrivacyAssertions
{
    public static void ShouldNotBePublic(this InMemoryChaincodeStub stub, string secret)
    {
        var raw = Encoding.UTF8.GetBytes(secret);
        var base64 = Encoding.UTF8.GetBytes(Convert.ToBase64String(raw));
        foreach (var (key, value) in stub.State)
        {
            Contains(value, raw).Should().BeFalse($"public key {key.Replace('\0', '/')} must not hold the private text");
            Contains(value, base64).Should().BeFalse($"public key {key.Replace('\0', '/')} must not hold the private text in base64");
        }

        foreach (var recorded in stub.Events)
        {
            Contains(recorded.Payload.ToArray(), raw).Should().BeFalse($"event {recorded.Name} must not hold the private text");
            Contains(recorded.Payload.ToArray(), base64).Should().BeFalse($"event {recorded.Name} must not hold the private text in base64");
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
