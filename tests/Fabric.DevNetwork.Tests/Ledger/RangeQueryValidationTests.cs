using Fabric.DevNetwork.Chaincode.Internal;
using Fabric.DevNetwork.Ledger;
using Fabric.Protos.Ledger.Rwset.Kvrwset;
using FluentAssertions;

namespace Fabric.DevNetwork.Tests.Ledger;

public sealed class RangeQueryValidationTests
{
    private const string Cc = "asset";

    private static WorldState StateWithKeys(int count)
    {
        var state = new WorldState("Org1MSP", _ => null);
        var builder = new TransactionBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Put(Cc, $"k{i:D3}", "v");
        }

        state.ApplyBlock(1, [builder.Build(0)]);
        return state;
    }

    private static RangeQueryInfo Record(WorldState state, string start, string end, int take = int.MaxValue)
    {
        var simulator = new TransactionSimulator(state.GetSnapshot(), "tx");
        var iterator = simulator.GetStateRange(Cc, start, end, 0, paginated: false);
        for (var i = 0; i < take && iterator.Next() is not null; i++)
        {
        }

        return KVRWSet.Parser.ParseFrom(simulator.TakeResults().Public.NsRwset.Single().Rwset).RangeQueriesInfo.Single();
    }

    [Theory]
    [InlineData(3)]
    [InlineData(120)]
    public void IsUnchanged_NothingCommittedInRange_IsValid(int keys)
    {
        var state = StateWithKeys(keys);
        var info = Record(state, "k", "l");

        RangeQueryValidation.IsUnchanged(info, RangeQueryValidation.Scan(state, Cc, info)).Should().BeTrue();
    }

    [Theory]
    [InlineData(3)]
    [InlineData(120)]
    public void IsUnchanged_KeyInsertedInRange_IsPhantom(int keys)
    {
        var state = StateWithKeys(keys);
        var info = Record(state, "k", "l");
        state.ApplyBlock(2, [new TransactionBuilder().Put(Cc, "k0005x", "new").Build(0)]);

        RangeQueryValidation.IsUnchanged(info, RangeQueryValidation.Scan(state, Cc, info)).Should().BeFalse();
    }

    [Fact]
    public void IsUnchanged_KeyUpdatedInRange_IsInvalid()
    {
        var state = StateWithKeys(3);
        var info = Record(state, "k", "l");
        state.ApplyBlock(2, [new TransactionBuilder().Put(Cc, "k001", "changed").Build(0)]);

        RangeQueryValidation.IsUnchanged(info, RangeQueryValidation.Scan(state, Cc, info)).Should().BeFalse();
    }

    [Fact]
    public void IsUnchanged_PartialScanAndInsertAfterLastSeenKey_IsValid()
    {
        var state = StateWithKeys(5);
        var info = Record(state, "k", "l", take: 2);
        state.ApplyBlock(2, [new TransactionBuilder().Put(Cc, "k003x", "later").Build(0)]);

        info.EndKey.Should().Be("k001");
        RangeQueryValidation.IsUnchanged(info, RangeQueryValidation.Scan(state, Cc, info)).Should().BeTrue("the chaincode never looked past k001");
    }

    [Fact]
    public void IsUnchanged_PartialScanAndLastSeenKeyDeleted_IsInvalid()
    {
        var state = StateWithKeys(5);
        var info = Record(state, "k", "l", take: 2);
        state.ApplyBlock(2, [new TransactionBuilder().Delete(Cc, "k001").Build(0)]);

        RangeQueryValidation.IsUnchanged(info, RangeQueryValidation.Scan(state, Cc, info)).Should().BeFalse();
    }
}
