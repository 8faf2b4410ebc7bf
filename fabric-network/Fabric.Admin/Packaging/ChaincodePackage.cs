using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Fabric.Admin.Packaging;

/// <summary>
/// Chaincode install packages as Fabric's lifecycle reads them: a gzipped tar holding <c>metadata.json</c>
/// (<c>{"type","label"}</c>) and <c>code.tar.gz</c>; for chaincode-as-a-service the code archive holds only
/// <c>connection.json</c>. The package ID is <c>label:hex(SHA-256(package file bytes))</c>.
/// </summary>
internal static partial class ChaincodePackage
{
    public const string MetadataFile = "metadata.json";
    public const string CodeFile = "code.tar.gz";
    public const string ConnectionFile = "connection.json";
    public const string CcaasType = "ccaas";

    /// <summary>Builds the package file for a chaincode that runs as a service at <paramref name="connection"/>.</summary>
    public static byte[] CreateCcaas(string label, ChaincodeConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ValidateLabel(label);
        connection.Validate();
        var code = DeterministicArchive.Create([(ConnectionFile, connection.ToJsonBytes())]);
        var metadata = JsonSerializer.SerializeToUtf8Bytes(new PackageMetadata(CcaasType, label), PackageJson.Default.PackageMetadata);
        return DeterministicArchive.Create([(MetadataFile, metadata), (CodeFile, code)]);
    }

    /// <summary>Reads the package's metadata, checking it the way Fabric does at install.</summary>
    /// <exception cref="AdminException">The file is not a chaincode package Fabric would accept.</exception>
    public static PackageMetadata ReadMetadata(byte[] package)
    {
        IReadOnlyDictionary<string, byte[]> files;
        try
        {
            files = DeterministicArchive.Read(package);
        }
        catch (InvalidDataException e)
        {
            throw new AdminException(AdminErrorKind.InvalidInput, $"not a chaincode package: {e.Message}", e);
        }

        if (!files.ContainsKey(CodeFile))
        {
            throw new AdminException(AdminErrorKind.InvalidInput, $"not a chaincode package: no {CodeFile} at its top level");
        }

        if (!files.TryGetValue(MetadataFile, out var metadataBytes))
        {
            throw new AdminException(AdminErrorKind.InvalidInput, $"not a chaincode package: no {MetadataFile} at its top level");
        }

        PackageMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize(metadataBytes, PackageJson.Default.PackageMetadata);
        }
        catch (JsonException e)
        {
            throw new AdminException(AdminErrorKind.InvalidInput, $"{MetadataFile} is not valid JSON: {e.Message}", e);
        }

        ValidateLabel(metadata?.Label);
        return metadata!;
    }

    /// <summary>The package ID a peer will compute for this package file.</summary>
    public static string CalculatePackageId(byte[] package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var label = ReadMetadata(package).Label;
        return $"{label}:{Convert.ToHexStringLower(SHA256.HashData(package))}";
    }

    /// <summary>True for <c>label:64 lowercase hex digits</c>, the only form a peer reports.</summary>
    public static bool IsWellFormedPackageId(string packageId)
    {
        var colon = packageId.LastIndexOf(':');
        return colon > 0 && LabelPattern().IsMatch(packageId[..colon]) && HashPattern().IsMatch(packageId[(colon + 1)..]);
    }

    /// <summary>Fabric's label rule. Its character class <c>[.+-_]</c> is a range from '+' to '_' (Go and .NET read it alike), kept as is.</summary>
    public static void ValidateLabel(string? label)
    {
        if (label is null || !LabelPattern().IsMatch(label))
        {
            throw new AdminException(AdminErrorKind.InvalidInput,
                $"invalid label '{label}': it must be non-empty, consist of alphanumerics and '.+-_', and begin with an alphanumeric");
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9]+([.+-_][a-zA-Z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex HashPattern();
}
