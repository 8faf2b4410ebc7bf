namespace Fabric.Gateway.Api.Tests.Endpoints.Support;

/// <summary>
/// One row of an endpoint table: the request, and the chaincode call it must become (transaction, arguments in
/// order, transient keys, and the organizations that must endorse a submit or run an evaluate) with the HTTP status it answers with.
/// </summary>
public sealed record EndpointCase(
    string Method,
    string Path,
    string? Body,
    string Transaction,
    string[] Arguments,
    string[] TransientKeys,
    int Status,
    string? Location = null,
    string[]? Endorsers = null)
{
    public bool IsEvaluate => Method == "GET";

    public static TheoryData<EndpointCase> Table(IEnumerable<EndpointCase> rows)
    {
        var data = new TheoryData<EndpointCase>();
        foreach (var row in rows)
        {
            data.Add(row);
        }

        return data;
    }

    /// <summary>xunit shows this in the test name.</summary>
    public override string ToString() => $"{Method} {Path} -> {Transaction}";
}
