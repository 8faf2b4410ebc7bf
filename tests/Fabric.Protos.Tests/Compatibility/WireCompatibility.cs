using Google.Protobuf.Reflection;

namespace Fabric.Protos.Tests.Compatibility;

/// <summary>
/// Compares one of our messages, enums or services with upstream and lists every difference that would change
/// bytes on the wire (field number, type, label, map key), names that would change JSON, and missing pieces.
/// </summary>
public static class WireCompatibility
{
    /// <summary>
    /// Upstream definitions we leave out on purpose: they were added after Fabric v2.5 (Fabric v3 write batches
    /// and multi-key reads), which a v2.5 peer never sends. Protobuf keeps unknown fields, so omitting them loses nothing.
    /// </summary>
    public static readonly IReadOnlySet<string> OmittedAfterV25 = new HashSet<string>(StringComparer.Ordinal)
    {
        "protos.ChaincodeMessage.Type.WRITE_BATCH_STATE",
        "protos.ChaincodeMessage.Type.GET_STATE_MULTIPLE",
    };

    public static IReadOnlyList<string> CompareMessage(MessageDescriptor ours, UpstreamDefinitions upstream)
    {
        var problems = new List<string>();
        upstream.FabricProtos22.Messages.TryGetValue(ours.FullName, out var v22);
        upstream.FabricProtos25.Messages.TryGetValue(ours.FullName, out var v25);
        if (v22 is null && v25 is null)
        {
            problems.Add($"{ours.FullName}: no such message upstream.");
            return problems;
        }

        foreach (var field in ours.Fields.InFieldNumberOrder())
        {
            var where = $"{ours.FullName}.{field.Name} = {field.FieldNumber}";
            foreach (var (source, fields, exact) in new[] { ("fabric-protos 2.2", v22, true), ("fabric-protos 2.5", v25, false) })
            {
                var sameName = fields?.FirstOrDefault(f => f.Name == (exact ? field.Name : Normalize(field.Name)));
                if (sameName is not null && sameName.Number != field.FieldNumber)
                {
                    problems.Add($"{where}: {source} numbers it {sameName.Number}.");
                }
            }

            var in22 = v22?.FirstOrDefault(f => f.Number == field.FieldNumber);
            var in25 = v25?.FirstOrDefault(f => f.Number == field.FieldNumber);
            if (in22 is null && in25 is null)
            {
                problems.Add($"{where}: upstream has no field number {field.FieldNumber} in this message.");
                continue;
            }

            if (in22 is not null)
            {
                CompareField(field, in22, exactName: true, where, "fabric-protos 2.2", problems);
            }

            if (in25 is not null)
            {
                CompareField(field, in25, exactName: false, where, "fabric-protos 2.5", problems);
            }
        }

        foreach (var (source, fields) in new[] { ("fabric-protos 2.2", v22), ("fabric-protos 2.5", v25) })
        {
            foreach (var missing in (fields ?? []).Where(f => ours.FindFieldByNumber(f.Number) is null))
            {
                if (!OmittedAfterV25.Contains($"{ours.FullName}.{missing.Name}"))
                {
                    problems.Add($"{ours.FullName}: {source} field {missing.Name} = {missing.Number} is missing.");
                }
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> CompareEnum(EnumDescriptor ours, UpstreamDefinitions upstream)
    {
        var problems = new List<string>();
        upstream.FabricProtos22.Enums.TryGetValue(ours.FullName, out var v22);
        upstream.FabricProtos25.Enums.TryGetValue(ours.FullName, out var v25);
        if (v22 is null && v25 is null)
        {
            return [$"{ours.FullName}: no such enum upstream."];
        }

        foreach (var value in ours.Values)
        {
            var known = false;
            foreach (var (source, values) in new[] { ("fabric-protos 2.2", v22), ("fabric-protos 2.5", v25) })
            {
                if (values is not null && values.TryGetValue(value.Name, out var number))
                {
                    known = true;
                    if (number != value.Number)
                    {
                        problems.Add($"{ours.FullName}.{value.Name}: number {value.Number}, {source} has {number}.");
                    }
                }
            }

            if (!known)
            {
                problems.Add($"{ours.FullName}.{value.Name}: no such value upstream.");
            }
        }

        foreach (var (name, number) in v25 ?? [])
        {
            if (ours.FindValueByName(name) is null && !OmittedAfterV25.Contains($"{ours.FullName}.{name}"))
            {
                problems.Add($"{ours.FullName}: upstream value {name} = {number} is missing.");
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> CompareService(ServiceDescriptor ours, UpstreamDefinitions upstream)
    {
        var problems = new List<string>();
        upstream.FabricProtos22.Services.TryGetValue(ours.FullName, out var v22);
        upstream.FabricProtos25.Services.TryGetValue(ours.FullName, out var v25);
        if (v22 is null && v25 is null)
        {
            return [$"{ours.FullName}: no such service upstream."];
        }

        foreach (var method in ours.Methods)
        {
            var path = $"/{ours.FullName}/{method.Name}";
            UpstreamMethod? found = null;
            foreach (var upstreamMethods in new[] { v22, v25 })
            {
                if (upstreamMethods is null || !upstreamMethods.TryGetValue(method.Name, out var upstreamMethod))
                {
                    continue;
                }

                found = upstreamMethod;
                if (!SameType(method.InputType.FullName, upstreamMethod.Request)
                    || !SameType(method.OutputType.FullName, upstreamMethod.Response))
                {
                    problems.Add($"{path}: {method.InputType.FullName} -> {method.OutputType.FullName}, upstream {upstreamMethod.Request} -> {upstreamMethod.Response}.");
                }

                if (method.IsClientStreaming != upstreamMethod.RequestStream || method.IsServerStreaming != upstreamMethod.ResponseStream)
                {
                    problems.Add($"{path}: streaming (client {method.IsClientStreaming}, server {method.IsServerStreaming}) differs from upstream.");
                }
            }

            if (found is null)
            {
                problems.Add($"{path}: no such method upstream.");
            }
        }

        return problems;
    }

    private static void CompareField(
        FieldDescriptor ours, UpstreamField upstream, bool exactName, string where, string source, List<string> problems)
    {
        var ourName = exactName ? ours.Name : Normalize(ours.Name);
        if (ourName != upstream.Name)
        {
            problems.Add($"{where}: named {ours.Name}, {source} names field {upstream.Number} {upstream.Name}.");
        }

        var label = OurDefinitions.LabelOf(ours);
        if (label != upstream.Label)
        {
            problems.Add($"{where}: label {label}, {source} has {upstream.Label}.");
        }

        FieldDescriptor valueField = ours;
        if (ours.IsMap)
        {
            var key = ours.MessageType.FindFieldByNumber(1);
            valueField = ours.MessageType.FindFieldByNumber(2);
            if (OurDefinitions.TypeOf(key) != upstream.KeyType)
            {
                problems.Add($"{where}: map key {OurDefinitions.TypeOf(key)}, {source} has {upstream.KeyType}.");
            }
        }

        var type = OurDefinitions.TypeOf(valueField);
        if (type != upstream.Type)
        {
            problems.Add($"{where}: type {type}, {source} has {upstream.Type}.");
            return;
        }

        var typeName = valueField.FieldType switch
        {
            FieldType.Message => valueField.MessageType.FullName,
            FieldType.Enum => valueField.EnumType.FullName,
            _ => null,
        };
        if (typeName is not null && upstream.TypeName is not null && !SameType(typeName, upstream.TypeName))
        {
            problems.Add($"{where}: type {typeName}, {source} has {upstream.TypeName}.");
        }
    }

    // Generated code names types relative to their module, so "Envelope" stands for "common.Envelope".
    private static bool SameType(string ourFullName, string upstreamName) =>
        ourFullName == upstreamName || ourFullName.EndsWith("." + upstreamName, StringComparison.Ordinal);

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}
