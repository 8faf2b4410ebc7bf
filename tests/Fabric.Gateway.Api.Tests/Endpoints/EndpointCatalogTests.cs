using System.Text.RegularExpressions;
using Fabric.Gateway.Api.Endpoints.Internal;
using Fabric.Gateway.Api.Tests.Endpoints.Support;
using Fabric.TestSupport;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Fabric.Gateway.Api.Tests.Endpoints;

/// <summary>
/// The endpoints against the chaincodes' source: every [Transaction] of the three contracts has an endpoint with
/// the same intent (queries are GET and evaluated, the rest submitted), and no endpoint names a transaction that
/// does not exist. A transaction added to a chaincode without an endpoint fails here.
/// </summary>
public sealed partial class EndpointCatalogTests(EndpointHost host) : IClassFixture<EndpointHost>
{
    private static readonly (string Folder, string Network)[] Chaincodes =
        [("TradeFinance", "trade"), ("PharmaSettlement", "pharma"), ("HealthRecords", "health")];

    [Fact]
    public void EveryChaincodeTransaction_HasAnEndpointWithTheSameIntent()
    {
        var declared = DeclaredTransactions();
        var mapped = MappedEndpoints()
            .Select(e => (e.Metadata.BusinessNetwork, e.Metadata.TransactionName, e.Metadata.IsEvaluate))
            .Distinct()
            .ToArray();

        declared.Should().HaveCountGreaterThan(80, "the three chaincodes declare that many transactions; fewer means the scan broke");
        mapped.Should().BeEquivalentTo(declared);
    }

    [Fact]
    public void Queries_AreGet_AndTransactions_ArePostOrPut()
    {
        foreach (var (endpoint, metadata) in MappedEndpoints())
        {
            var methods = endpoint.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods;
            methods.Should().Equal(metadata.IsEvaluate ? ["GET"] : methods.Contains("PUT") ? ["PUT"] : ["POST"], endpoint.DisplayName);
        }
    }

    [Fact]
    public void EveryEndpoint_IsDescribedForOpenApi()
    {
        var endpoints = MappedEndpoints();
        foreach (var (endpoint, metadata) in endpoints)
        {
            endpoint.Metadata.GetMetadata<IEndpointNameMetadata>().Should().NotBeNull(endpoint.DisplayName);
            endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>()!.Summary.Should().NotBeNullOrWhiteSpace();
            endpoint.Metadata.GetMetadata<ITagsMetadata>()!.Tags.Should().ContainSingle();
            var statuses = endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Select(p => p.StatusCode).ToArray();
            statuses.Should().Contain([400, 403, 404, 409, 422, 503]);
            statuses.Should().Contain(s => s == 200 || s == 201);
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts)
            {
                metadata.IsEvaluate.Should().BeFalse();
                accepts.ContentTypes.Should().Equal("application/json");
                accepts.RequestType.Should().NotBeNull();
            }
        }

        endpoints.Select(e => e.Endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void EveryEndpoint_IsDocumentedWithItsTransaction()
    {
        var guide = File.ReadAllLines(RepositoryLayout.PathOf("docs", "rest-gateway.md"));
        var documented = guide
            .Select(line => DocumentedEndpoint().Match(line))
            .Where(m => m.Success)
            .Select(m => $"{m.Groups["method"].Value} {m.Groups["path"].Value} {m.Groups["transaction"].Value}")
            .ToArray();
        var mapped = MappedEndpoints()
            .Select(e => $"{e.Endpoint.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods[0]} /{e.Endpoint.RoutePattern.RawText!.Trim('/')} {e.Metadata.TransactionName}")
            .ToArray();

        documented.Should().BeEquivalentTo(mapped, "docs/rest-gateway.md lists every endpoint and its transaction, and nothing else");
    }

    [Fact]
    public void ApiDescription_DeclaresEveryRouteParameterAsARequiredPathParameter()
    {
        var descriptions = host.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(g => g.Items)
            .Where(d => d.ActionDescriptor.EndpointMetadata.OfType<ChaincodeTransactionMetadata>().Any())
            .ToArray();

        descriptions.Should().HaveCount(MappedEndpoints().Length);
        descriptions.Sum(d => d.ParameterDescriptions.Count(p => p.Source == BindingSource.Path)).Should().Be(94, "the endpoints have that many route parameters in all");
        foreach (var description in descriptions)
        {
            var names = RoutePatternFactory.Parse(description.RelativePath!).Parameters.Select(p => p.Name);
            var path = description.ParameterDescriptions.Where(p => p.Source == BindingSource.Path && p.IsRequired).ToArray();
            path.Select(p => p.Name).Should().BeEquivalentTo(names, description.RelativePath);
            path.Where(p => p.ModelMetadata is null).Should().BeEmpty("OpenAPI generators read the model metadata");
        }
    }

    [Fact]
    public void ConventionsOnTheReturnedGroup_ReachEveryBusinessEndpoint()
    {
        MappedEndpoints().Should().AllSatisfy(e => e.Endpoint.Metadata.Should().Contain(EndpointHost.GroupConvention));
    }

    private (RouteEndpoint Endpoint, ChaincodeTransactionMetadata Metadata)[] MappedEndpoints() =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ChaincodeTransactionMetadata>() is not null)
            .Select(e => (e, e.Metadata.GetMetadata<ChaincodeTransactionMetadata>()!))
            .ToArray();

    private static (string Network, string Transaction, bool IsEvaluate)[] DeclaredTransactions()
    {
        var result = new List<(string, string, bool)>();
        foreach (var (folder, network) in Chaincodes)
        {
            var files = Directory.GetFiles(RepositoryLayout.PathOf("chaincode", folder, "Contracts"), "*.cs");
            var contractNames = files
                .SelectMany(f => ContractAttribute().Matches(File.ReadAllText(f)))
                .ToDictionary(m => m.Groups["class"].Value, m => m.Groups["name"].Value, StringComparer.Ordinal);
            foreach (var file in files)
            {
                var source = File.ReadAllText(file);
                if (ClassName().Match(source) is not { Success: true } cls || !contractNames.TryGetValue(cls.Groups[1].Value, out var contract))
                {
                    continue;
                }

                foreach (Match method in TransactionMethod().Matches(source))
                {
                    var name = method.Groups["method"].Value;
                    name = name.EndsWith("Async", StringComparison.Ordinal) ? name[..^"Async".Length] : name;
                    result.Add((network, $"{contract}:{name}", method.Groups["intent"].Value == "Evaluate"));
                }
            }
        }

        return [.. result];
    }

    [GeneratedRegex(@"^\| `(?<method>GET|POST|PUT) (?<path>/api/[^`]+)`[^|]*\| `(?<transaction>\w+:\w+)`")]
    private static partial Regex DocumentedEndpoint();

    [GeneratedRegex("""\[Contract\(Name = "(?<name>\w+)"[^\]]*\]\s*(?:public|internal) sealed (?:partial )?class (?<class>\w+)""")]
    private static partial Regex ContractAttribute();

    [GeneratedRegex(@"(?:public|internal) sealed (?:partial )?class (\w+)")]
    private static partial Regex ClassName();

    [GeneratedRegex(@"\[Transaction(?:\(TransactionIntent\.(?<intent>\w+)\))?\]\s*public\s+(?:static\s+)?(?:async\s+)?[\w<>\[\], ]+?\s+(?<method>\w+)\(")]
    private static partial Regex TransactionMethod();
}
