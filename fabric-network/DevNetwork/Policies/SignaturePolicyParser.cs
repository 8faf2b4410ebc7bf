using System.Globalization;
using Fabric.Protos.Common;
using Google.Protobuf;

namespace Fabric.DevNetwork.Policies;

/// <summary>
/// Parses Fabric's signature policy language (<c>AND(...)</c>, <c>OR(...)</c>, <c>OutOf(n, ...)</c> over principals
/// <c>'MSPID.role'</c> with role member, admin, client, peer or orderer) into a SignaturePolicyEnvelope, as
/// <c>peer lifecycle chaincode approveformyorg --signature-policy</c> does. Each principal occurrence becomes one
/// entry of the envelope's identities, referenced by signed_by.
/// </summary>
internal static class SignaturePolicyParser
{
    public static SignaturePolicyEnvelope Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parser = new Cursor(expression);
        var envelope = new SignaturePolicyEnvelope { Version = 0 };
        envelope.Rule = ParseExpression(ref parser, envelope);
        parser.SkipWhitespace();
        if (!parser.AtEnd)
        {
            throw parser.Error("unexpected text after the policy");
        }

        return envelope;
    }

    private static SignaturePolicy ParseExpression(ref Cursor cursor, SignaturePolicyEnvelope envelope)
    {
        cursor.SkipWhitespace();
        if (cursor.Peek is '\'' or '"')
        {
            return ParsePrincipal(ref cursor, envelope);
        }

        var name = cursor.ReadWord();
        cursor.Expect('(');
        SignaturePolicy result;
        if (name.Equals("AND", StringComparison.OrdinalIgnoreCase) || name.Equals("OR", StringComparison.OrdinalIgnoreCase))
        {
            var rules = ParseArguments(ref cursor, envelope);
            var isAnd = name.Equals("AND", StringComparison.OrdinalIgnoreCase);
            result = NOutOf(isAnd ? rules.Count : 1, rules);
        }
        else if (name.Equals("OutOf", StringComparison.OrdinalIgnoreCase))
        {
            cursor.SkipWhitespace();
            var count = cursor.ReadInteger();
            cursor.SkipWhitespace();
            cursor.Expect(',');
            var rules = ParseArguments(ref cursor, envelope);
            if (count < 0 || count > rules.Count)
            {
                throw cursor.Error($"OutOf({count}, ...) needs between 0 and {rules.Count}");
            }

            result = NOutOf(count, rules);
        }
        else
        {
            throw cursor.Error($"unknown function '{name}' (expected AND, OR or OutOf)");
        }

        return result;
    }

    private static List<SignaturePolicy> ParseArguments(ref Cursor cursor, SignaturePolicyEnvelope envelope)
    {
        var rules = new List<SignaturePolicy>();
        while (true)
        {
            rules.Add(ParseExpression(ref cursor, envelope));
            cursor.SkipWhitespace();
            if (cursor.TryConsume(','))
            {
                continue;
            }

            cursor.Expect(')');
            return rules;
        }
    }

    private static SignaturePolicy ParsePrincipal(ref Cursor cursor, SignaturePolicyEnvelope envelope)
    {
        var text = cursor.ReadQuoted();
        var dot = text.LastIndexOf('.');
        if (dot <= 0 || !text[..dot].All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
        {
            throw cursor.Error($"'{text}' is not a principal of the form 'MSPID.role'");
        }

        var role = text[(dot + 1)..] switch
        {
            "member" => MSPRole.Types.MSPRoleType.Member,
            "admin" => MSPRole.Types.MSPRoleType.Admin,
            "client" => MSPRole.Types.MSPRoleType.Client,
            "peer" => MSPRole.Types.MSPRoleType.Peer,
            "orderer" => MSPRole.Types.MSPRoleType.Orderer,
            var other => throw cursor.Error($"unknown role '{other}' in '{text}' (member, admin, client, peer, orderer)"),
        };
        envelope.Identities.Add(new MSPPrincipal
        {
            PrincipalClassification = MSPPrincipal.Types.Classification.Role,
            Principal = new MSPRole { MspIdentifier = text[..dot], Role = role }.ToByteString(),
        });
        return new SignaturePolicy { SignedBy = envelope.Identities.Count - 1 };
    }

    private static SignaturePolicy NOutOf(int n, List<SignaturePolicy> rules)
    {
        var nOutOf = new SignaturePolicy.Types.NOutOf { N = n };
        nOutOf.Rules.AddRange(rules);
        return new SignaturePolicy { NOutOf = nOutOf };
    }

    /// <summary>Fabric's default endorsement policy (MAJORITY of the channel's Endorsement sub-policies, each an org's peers).</summary>
    public static SignaturePolicyEnvelope Majority(IReadOnlyList<string> mspIds) =>
        Parse($"OutOf({(mspIds.Count / 2) + 1}, {string.Join(", ", mspIds.Select(m => $"'{m}.peer'"))})");

    public static SignaturePolicyEnvelope AnyMember(IEnumerable<string> mspIds) =>
        Parse($"OR({string.Join(", ", mspIds.Select(m => $"'{m}.member'"))})");

    private ref struct Cursor(string text)
    {
        private int _position;

        public readonly bool AtEnd => _position >= text.Length;

        public readonly char Peek => AtEnd ? '\0' : text[_position];

        public void SkipWhitespace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        public bool TryConsume(char c)
        {
            SkipWhitespace();
            if (Peek != c)
            {
                return false;
            }

            _position++;
            return true;
        }

        public void Expect(char c)
        {
            if (!TryConsume(c))
            {
                throw Error($"expected '{c}'");
            }
        }

        public string ReadWord()
        {
            var start = _position;
            while (!AtEnd && char.IsAsciiLetter(text[_position]))
            {
                _position++;
            }

            return start == _position ? throw Error("expected AND, OR, OutOf or a quoted principal") : text[start.._position];
        }

        public int ReadInteger()
        {
            var quoted = Peek is '\'' or '"';
            var digits = quoted ? ReadQuoted() : ReadDigits();
            return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error($"'{digits}' is not a count");
        }

        private string ReadDigits()
        {
            var start = _position;
            while (!AtEnd && char.IsAsciiDigit(text[_position]))
            {
                _position++;
            }

            return text[start.._position];
        }

        public string ReadQuoted()
        {
            var quote = text[_position++];
            var end = text.IndexOf(quote, _position);
            if (end < 0)
            {
                throw Error("unterminated quote");
            }

            var value = text[_position..end];
            _position = end + 1;
            return value;
        }

        public readonly FormatException Error(string message) =>
            new($"Invalid policy \"{text}\" at position {_position}: {message}.");
    }
}
