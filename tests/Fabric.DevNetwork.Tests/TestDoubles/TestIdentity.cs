using System.Security.Cryptography;
using Fabric.DevNetwork.Crypto;
using Fabric.Protos.Msp;
using Google.Protobuf;

namespace Fabric.DevNetwork.Tests.TestDoubles;

/// <summary>A client identity read from a cryptogen-layout user folder (msp/signcerts, msp/keystore/priv_sk).</summary>
internal sealed class TestIdentity : IDisposable
{
    private readonly ECDsa _key;

    public TestIdentity(string mspId, string userMspDirectory)
    {
        MspId = mspId;
        var certificatePem = File.ReadAllText(Directory.GetFiles(Path.Combine(userMspDirectory, "signcerts")).Single());
        _key = ECDsa.Create();
        _key.ImportFromPem(File.ReadAllText(Path.Combine(userMspDirectory, "keystore", "priv_sk")));
        Serialized = new SerializedIdentity { Mspid = mspId, IdBytes = ByteString.CopyFromUtf8(certificatePem) }.ToByteString();
    }

    public string MspId { get; }

    public ByteString Serialized { get; }

    public ByteString Sign(ByteString data) => ByteString.CopyFrom(EcdsaSignatures.Sign(_key, data.Span));

    public void Dispose() => _key.Dispose();
}
