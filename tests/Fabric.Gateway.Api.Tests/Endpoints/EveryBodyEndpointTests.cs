using System.Net;
using System.Text.Json.Nodes;
using Fabric.Gateway.Api.Tests.Endpoints.Support;
using FluentAssertions;

namespace Fabric.Gateway.Api.Tests.Endpoints;

/// <summary>
/// Every endpoint that takes a body, field by field (each top-level field of its valid sample): missing, of the
/// wrong JSON type, and oversized, each must be a 400 naming that field with nothing sent to Fabric; only the
/// fields listed as optional may be left out.
/// </summary>
public sealed class EveryBodyEndpointTests(EndpointHost host) : IClassFixture<EndpointHost>
{
    /// <summary>Fields a client may leave out, per transaction: the chaincode has a default, or the field is one of alternatives.</summary>
    private static readonly Dictionary<string, string[]> Optional = new(StringComparer.Ordinal)
    {
        ["TradeConfiguration:Initialize"] = ["creditCollection", "documentCollection", "bankingCalendar"],
        ["TradeConfiguration:Update"] = ["creditCollection", "documentCollection", "bankingCalendar"],
        ["LetterOfCredit:Refuse"] = ["discrepancies"],
        ["Shipments:Ship"] = ["isReturn", "units", "cases"],
        ["Consents:GrantConsent"] = ["patientId", "purpose", "periodStart", "draft"],
        ["Configuration:Initialize"] = ["accessTicketMinutes", "emergencyAccessMinutes"],
        ["Configuration:Update"] = ["accessTicketMinutes", "emergencyAccessMinutes"],
    };

    public static TheoryData<EndpointCase, string> Fields()
    {
        var data = new TheoryData<EndpointCase, string>();
        foreach (var row in TradeEndpointsTests.Cases.Concat(PharmaEndpointsTests.Cases).Concat(HealthEndpointsTests.Cases).Where(r => r.Body is not null))
        {
            foreach (var field in JsonNode.Parse(row.Body!)!.AsObject().Select(p => p.Key))
            {
                data.Add(row, field);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Field_Missing_Is400NamingItUnlessOptional(EndpointCase row, string field)
    {
        var body = JsonNode.Parse(row.Body!)!.AsObject();
        body.Remove(field);

        var (status, fields) = await SendAsync(row, body);

        if (Optional.TryGetValue(row.Transaction, out var optional) && optional.Contains(field))
        {
            ((int)status).Should().Be(row.Status, "{0} is optional", field);
        }
        else
        {
            status.Should().Be(HttpStatusCode.BadRequest);
            fields.Should().Equal(field);
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Field_OfTheWrongJsonType_Is400NamingIt(EndpointCase row, string field)
    {
        var body = JsonNode.Parse(row.Body!)!.AsObject();
        body[field] = body[field] is JsonObject ? JsonValue.Create(42) : new JsonObject();

        var (status, fields) = await SendAsync(row, body);

        status.Should().Be(HttpStatusCode.BadRequest);
        fields.Should().Equal(field);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task StringField_Oversized_Is400NamingIt(EndpointCase row, string field)
    {
        var body = JsonNode.Parse(row.Body!)!.AsObject();
        if (body[field] is not JsonValue value || !value.TryGetValue<string>(out _))
        {
            return;
        }

        body[field] = new string('x', 7001);

        var (status, fields) = await SendAsync(row, body);

        status.Should().Be(HttpStatusCode.BadRequest);
        fields.Should().Equal(field);
    }

    private async Task<(HttpStatusCode Status, IReadOnlyList<string> Fields)> SendAsync(EndpointCase row, JsonObject body)
    {
        host.Invoker.Reset();
        using var response = await host.SendAsync(row.Method, row.Path, body.ToJsonString());
        var fields = await EndpointHost.ErrorFieldsAsync(response);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            host.Invoker.Calls.Should().BeEmpty("nothing is sent to Fabric before the request is valid");
        }

        return (response.StatusCode, fields);
    }
}
