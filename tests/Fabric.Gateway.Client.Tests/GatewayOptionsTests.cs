namespace Fabric.Gateway.Client.Tests;

public sealed class GatewayOptionsTests
{
    [Fact]
    public void Defaults_AreTheFabricSampleTimeouts()
    {
        var options = new GatewayOptions();

        options.EvaluateTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.EndorseTimeout.Should().Be(TimeSpan.FromSeconds(15));
        options.SubmitTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.CommitStatusTimeout.Should().Be(TimeSpan.FromMinutes(1));
        options.MvccReadConflictRetryAttempts.Should().Be(0);
        options.Validate();
    }

    [Fact]
    public void Validate_SeveralBadSettings_ListsEveryProblem()
    {
        var options = new GatewayOptions
        {
            EvaluateTimeout = TimeSpan.Zero,
            UnavailableRetryAttempts = 11,
            MvccReadConflictRetryAttempts = -1,
            TlsClientCertificateHash = new byte[5],
        };

        var act = options.Validate;

        act.Should().Throw<ArgumentException>()
            .Which.Message.Should().Contain("EvaluateTimeout").And.Contain("UnavailableRetryAttempts")
            .And.Contain("MvccReadConflictRetryAttempts").And.Contain("TlsClientCertificateHash");
    }

    [Fact]
    public void Validate_InfiniteTimeout_IsAllowed()
    {
        new GatewayOptions { CommitStatusTimeout = Timeout.InfiniteTimeSpan }.Validate();
    }
}
