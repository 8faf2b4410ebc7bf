using System.Formats.Asn1;
using System.Text;

namespace Fabric.Chaincode.Identity.Internal;

/// <summary>One attribute of a distinguished name: its OID and string value.</summary>
internal readonly record struct NameAttribute(string Oid, string Value);

/// <summary>
/// Formats distinguished names as Go's pkix.Name does after parsing a certificate, which is what Go's cid package
/// puts in client IDs. Go does not keep the certificate's order: it collects country, province, locality, street,
/// postal code, organization and organizational unit values (each kind as one multi-valued RDN), then the last
/// common name and the last serial number, drops every other attribute, and prints that sequence in reverse,
/// RDNs joined by ',' and values of one RDN by '+'.
/// </summary>
internal static class DistinguishedNames
{
    public const string OrganizationalUnitOid = "2.5.4.11";

    // Go's ToRDNSequence order; printing reverses it.
    private static readonly (string Oid, string Name, bool SingleValued)[] GoOrder =
    [
        ("2.5.4.6", "C", false),
        ("2.5.4.8", "ST", false),
        ("2.5.4.7", "L", false),
        ("2.5.4.9", "STREET", false),
        ("2.5.4.17", "POSTALCODE", false),
        ("2.5.4.10", "O", false),
        (OrganizationalUnitOid, "OU", false),
        ("2.5.4.3", "CN", true),
        ("2.5.4.5", "SERIALNUMBER", true),
    ];

    /// <summary>Every string-valued attribute of a DER-encoded Name, in certificate order.</summary>
    public static IReadOnlyList<NameAttribute> Parse(ReadOnlyMemory<byte> derName)
    {
        var attributes = new List<NameAttribute>();
        var name = new AsnReader(derName, AsnEncodingRules.DER).ReadSequence();
        while (name.HasData)
        {
            var rdn = name.ReadSetOf();
            while (rdn.HasData)
            {
                var typeAndValue = rdn.ReadSequence();
                var oid = typeAndValue.ReadObjectIdentifier();
                var tag = typeAndValue.PeekTag();
                if (tag.TagClass == TagClass.Universal && TryReadString(typeAndValue, (UniversalTagNumber)tag.TagValue, out var value))
                {
                    attributes.Add(new NameAttribute(oid, value));
                }
                else
                {
                    typeAndValue.ReadEncodedValue();
                }
            }
        }

        return attributes;
    }

    public static string FormatLikeGo(IReadOnlyList<NameAttribute> attributes)
    {
        var rdns = new List<List<string>>();
        foreach (var (oid, name, singleValued) in GoOrder)
        {
            var values = attributes.Where(a => a.Oid == oid).Select(a => a.Value).ToList();
            if (values.Count == 0 || (singleValued && values[^1].Length == 0))
            {
                continue;
            }

            rdns.Add((singleValued ? [values[^1]] : values).Select(v => name + "=" + Escape(v)).ToList());
        }

        var builder = new StringBuilder();
        for (var i = rdns.Count - 1; i >= 0; i--)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.AppendJoin('+', rdns[i]);
        }

        return builder.ToString();
    }

    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var escape = (i == 0 && (c == ' ' || c == '#'))
                || (i == value.Length - 1 && c == ' ')
                || c is ',' or '+' or '"' or '\\' or '<' or '>' or ';';
            if (escape)
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool TryReadString(AsnReader reader, UniversalTagNumber tag, out string value)
    {
        switch (tag)
        {
            case UniversalTagNumber.UTF8String:
            case UniversalTagNumber.PrintableString:
            case UniversalTagNumber.IA5String:
            case UniversalTagNumber.T61String:
            case UniversalTagNumber.BMPString:
            case UniversalTagNumber.NumericString:
            case UniversalTagNumber.UniversalString:
                try
                {
                    value = reader.ReadCharacterString(tag);
                    return true;
                }
                catch (AsnContentException)
                {
                    break;
                }
        }

        value = string.Empty;
        return false;
    }
}
