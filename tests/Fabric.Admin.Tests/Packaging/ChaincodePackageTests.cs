using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fabric.Admin;
using Fabric.Admin.Packaging;

namespace Fabric.Admin.Tests.Packaging;

public sealed class ChaincodePackageTests
{
    private static readonly ChaincodeConnection Plain = new() { Address = "127.0.0.1:9999" };

    [Fact]
    public void CreateCcaas_Layout_IsMetadataThenCodeArchiveOfRegularFiles()
    {
        var package = ChaincodePackage.CreateCcaas("trade-finance_1.0", Plain);

        var entries = ReadEntries(package);
        entries.Select(e => e.Name).Should().Equal("metadata.json", "code.tar.gz");
        entries.Should().OnlyContain(e => e.Type == TarEntryType.RegularFile);

        using var metadata = JsonDocument.Parse(entries[0].Content);
        metadata.RootElement.GetProperty("type").GetString().Should().Be("ccaas");
        metadata.RootElement.GetProperty("label").GetString().Should().Be("trade-finance_1.0");

        var code = ReadEntries(entries[1].Content);
        code.Select(e => e.Name).Should().Equal("connection.json");
        using var connection = JsonDocument.Parse(code[0].Content);
        connection.RootElement.GetProperty("address").GetString().Should().Be("127.0.0.1:9999");
        connection.RootElement.GetProperty("dial_timeout").GetString().Should().Be("10s");
        connection.RootElement.GetProperty("tls_required").GetBoolean().Should().BeFalse();
        connection.RootElement.TryGetProperty("root_cert", out _).Should().BeFalse();
    }

    [Fact]
    public void CreateCcaas_WithMutualTls_InlinesThePemFieldsAsBooleansAndStrings()
    {
        var connection = new ChaincodeConnection
        {
            Address = "cc.org1.example.com:7052",
            DialTimeout = "5s",
            TlsRequired = true,
            ClientAuthRequired = true,
            RootCertPem = "-----BEGIN CERTIFICATE-----\nroot\n-----END CERTIFICATE-----\n",
            ClientCertPem = "-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----\n",
            ClientKeyPem = "-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----\n",
        };

        var code = ReadEntries(ReadEntries(ChaincodePackage.CreateCcaas("cc_1", connection))[1].Content);

        using var json = JsonDocument.Parse(code[0].Content);
        json.RootElement.GetProperty("tls_required").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("client_auth_required").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("dial_timeout").GetString().Should().Be("5s");
        json.RootElement.GetProperty("root_cert").GetString().Should().Be(connection.RootCertPem);
        json.RootElement.GetProperty("client_cert").GetString().Should().Be(connection.ClientCertPem);
        json.RootElement.GetProperty("client_key").GetString().Should().Be(connection.ClientKeyPem);
    }

    [Fact]
    public void CreateCcaas_SameInputs_SameBytesAndPackageId()
    {
        var first = ChaincodePackage.CreateCcaas("cc_1.0", Plain);
        var second = ChaincodePackage.CreateCcaas("cc_1.0", Plain);
        var otherAddress = ChaincodePackage.CreateCcaas("cc_1.0", Plain with { Address = "127.0.0.1:9998" });

        second.Should().Equal(first);
        ChaincodePackage.CalculatePackageId(second).Should().Be(ChaincodePackage.CalculatePackageId(first));
        ChaincodePackage.CalculatePackageId(otherAddress).Should().NotBe(ChaincodePackage.CalculatePackageId(first));
        first[9].Should().Be(3, "the gzip OS byte is fixed so that every platform writes the same bytes");
    }

    [Fact]
    public void CalculatePackageId_IsLabelColonSha256OfTheWholeFile()
    {
        var package = ChaincodePackage.CreateCcaas("health-records_2.1", Plain);

        ChaincodePackage.CalculatePackageId(package).Should().Be("health-records_2.1:" + Convert.ToHexStringLower(SHA256.HashData(package)));
    }

    [SkippableFact]
    public void CalculatePackageId_PackageMadeByGnuTar_ReadsItsLabel()
    {
        // The layout deploy-ccaas.sh writes with tar and gzip: the parser must read archives it did not write.
        Skip.If(!OperatingSystem.IsLinux() || !CommandExists("tar") || !CommandExists("gzip"), "needs GNU tar and gzip on PATH");
        var dir = Directory.CreateTempSubdirectory("admin-pkg-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "connection.json"), "{\"address\":\"127.0.0.1:7061\",\"dial_timeout\":\"10s\",\"tls_required\":false}");
            File.WriteAllText(Path.Combine(dir.FullName, "metadata.json"), "{\n  \"type\": \"ccaas\",\n  \"label\": \"shell_1.0\"\n}\n");
            Run(dir.FullName, "tar -cf - connection.json | gzip -n > code.tar.gz && tar -cf - metadata.json code.tar.gz | gzip -n > pkg.tar.gz");
            var package = File.ReadAllBytes(Path.Combine(dir.FullName, "pkg.tar.gz"));

            ChaincodePackage.CalculatePackageId(package).Should().Be("shell_1.0:" + Convert.ToHexStringLower(SHA256.HashData(package)));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("_starts-with-symbol")]
    [InlineData("ends-with-symbol-")]
    [InlineData("has space")]
    [InlineData("double..symbol")]
    public void CreateCcaas_LabelFabricRejects_Throws(string label)
    {
        var act = () => ChaincodePackage.CreateCcaas(label, Plain);

        act.Should().Throw<AdminException>().Which.Kind.Should().Be(AdminErrorKind.InvalidInput);
    }

    [Theory]
    [InlineData("cc")]
    [InlineData("trade-finance_1.0")]
    [InlineData("a+b.c-d_e")]
    public void CreateCcaas_LabelFabricAccepts_Works(string label) =>
        ChaincodePackage.CalculatePackageId(ChaincodePackage.CreateCcaas(label, Plain)).Should().StartWith(label + ":");

    [Fact]
    public void CalculatePackageId_NotAPackage_ExplainsWhy()
    {
        var noMetadata = DeterministicArchive.Create([("code.tar.gz", [1, 2, 3])]);
        var withDirectory = TarWithDirectoryEntry();

        FluentActions.Invoking(() => ChaincodePackage.CalculatePackageId(Encoding.UTF8.GetBytes("hello")))
            .Should().Throw<AdminException>().WithMessage("not a chaincode package*");
        FluentActions.Invoking(() => ChaincodePackage.CalculatePackageId(noMetadata))
            .Should().Throw<AdminException>().WithMessage("*no metadata.json*");
        FluentActions.Invoking(() => ChaincodePackage.CalculatePackageId(withDirectory))
            .Should().Throw<AdminException>().WithMessage("*not a regular file*");
    }

    [Fact]
    public void IsWellFormedPackageId_AcceptsOnlyLabelAnd64LowercaseHexDigits()
    {
        var hash = new string('a', 64);
        ChaincodePackage.IsWellFormedPackageId($"cc_1.0:{hash}").Should().BeTrue();
        ChaincodePackage.IsWellFormedPackageId($"cc_1.0:{hash.ToUpperInvariant()}").Should().BeFalse();
        ChaincodePackage.IsWellFormedPackageId($"cc_1.0:{hash[..63]}").Should().BeFalse();
        ChaincodePackage.IsWellFormedPackageId(hash).Should().BeFalse();
        ChaincodePackage.IsWellFormedPackageId($":{hash}").Should().BeFalse();
    }

    [Fact]
    public void Validate_InconsistentTlsSettings_AreRefusedBeforeAnythingIsWritten()
    {
        var pem = "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n";
        new[]
        {
            Plain with { Address = "no-port" },
            Plain with { TlsRequired = true },
            Plain with { RootCertPem = pem },
            Plain with { TlsRequired = true, RootCertPem = pem, ClientAuthRequired = true },
        }.Should().AllSatisfy(c => FluentActions.Invoking(c.Validate).Should().Throw<AdminException>());
    }

    private static List<(string Name, TarEntryType Type, byte[] Content)> ReadEntries(byte[] archive)
    {
        using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new List<(string, TarEntryType, byte[])>();
        while (reader.GetNextEntry() is { } entry)
        {
            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            entries.Add((entry.Name, entry.EntryType, content.ToArray()));
        }

        return entries;
    }

    private static byte[] TarWithDirectoryEntry()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, "src/"));
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "metadata.json") { DataStream = new MemoryStream("{\"type\":\"ccaas\",\"label\":\"x\"}"u8.ToArray()) });
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "code.tar.gz") { DataStream = new MemoryStream([1]) });
        }

        return output.ToArray();
    }

    private static bool CommandExists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, name)));

    private static void Run(string workingDirectory, string script)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", script]) { WorkingDirectory = workingDirectory })!;
        process.WaitForExit();
        process.ExitCode.Should().Be(0);
    }
}
