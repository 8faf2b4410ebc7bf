using System.Globalization;
using System.Text.RegularExpressions;
using Fabric.Protos.Common;
using Google.Protobuf;

namespace Fabric.Policies;

/// <summary>
/// Fabric's signature policy language (<c>AND</c>, <c>OR</c>, <c>OutOf</c> over <c>'MSPID.role'</c>) to a
/// SignaturePolicyEnvelope that is byte for byte what <c>peer lifecycle chaincode approveformyorg --signature-policy</c>
/// sends. That matters: organizations approve a definition by its bytes, so an approval made here and one made with
/// the peer CLI must agree. Fabric numbers the identities in evaluation order: the principals inside a nested gate
/// are numbered when that gate is evaluated (as an argument, left to right), before the direct principals of the
/// enclosing gate; each occurrence gets its own identity (no deduplication).
/// </summary>
/// <remarks>
/// One parser for the dev network (endorsement and collection policies of its network files) and the admin CLI
/// (which must reproduce the peer CLI's bytes). Invalid expressions throw <see cref="FormatException"/> naming the
/// position and the problem.
/// </remarks>
public static partial class SignaturePolicyParser
{
    public static SignaturePolicyEnvelope Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var cursor = new Cursor(expression);
        cursor.SkipWhitespace();
        if (cursor.Peek is '\'' or '"')
        {
            throw cursor.Error("a policy must be a gate (AND, OR or OutOf), not a single principal");
        }

        var gate = ParseGate(ref cursor);
        cursor.SkipWhitespace();
        if (!cursor.AtEnd)
        {
            throw cursor.Error("unexpected text after the policy");
        }

        var envelope = new SignaturePolicyEnvelope { Version = 0 };
        envelope.Rule = Compile(gate, envelope);
        return envelope;
    }

    /// <summary>Fabric's default endorsement policy: a MAJORITY of the organizations' peers.</summary>
    public static SignaturePolicyEnvelope Majority(IReadOnlyList<string> mspIds)
    {
        ArgumentNullException.ThrowIfNull(mspIds);
        return Parse($"OutOf({(mspIds.Count / 2) + 1}, {string.Join(", ", mspIds.Select(m => $"'{m}.peer'"))})");
    }

    /// <summary>Any member of any of the organizations.</summary>
    public static SignaturePolicyEnvelope AnyMember(IEnumerable<string> mspIds) =>
        Parse($"OR({string.Join(", ", mspIds.Select(m => $"'{m}.member'"))})");

    private abstract record Node;

    private sealed record Principal(string MspId, MSPRole.Types.MSPRoleType Role) : Node;

    private sealed record Gate(int Threshold, IReadOnlyList<Node> Arguments) : Node;

    private static SignaturePolicy Compile(Gate gate, SignaturePolicyEnvelope envelope)
    {
        // Nested gates first, left to right, as Fabric evaluates the arguments before the gate itself.
        var compiled = new SignaturePolicy?[gate.Arguments.Count];
        for (var i = 0; i < gate.Arguments.Count; i++)
        {
            if (gate.Arguments[i] is Gate nested)
            {
                compiled[i] = Compile(nested, envelope);
            }
        }

        for (var i = 0; i < gate.Arguments.Count; i++)
        {
            if (gate.Arguments[i] is Principal principal)
            {
                envelope.Identities.Add(new MSPPrincipal
                {
                    PrincipalClassification = MSPPrincipal.Types.Classification.Role,
                    Principal = new MSPRole { MspIdentifier = principal.MspId, Role = principal.Role }.ToByteString(),
                });
                compiled[i] = new SignaturePolicy { SignedBy = envelope.Identities.Count - 1 };
            }
        }

        var nOutOf = new SignaturePolicy.Types.NOutOf { N = gate.Threshold };
        nOutOf.Rules.AddRange(compiled.Select(rule => rule!));
        return new SignaturePolicy { NOutOf = nOutOf };
    }

    private static Gate ParseGate(ref Cursor cursor)
    {
        var name = cursor.ReadWord();
        cursor.Expect('(');
        // Fabric registers each gate in three spellings only: And/and/AND, Or/or/OR, OutOf/outof/OUTOF.
        switch (name)
        {
            case "AND" or "And" or "and":
            {
                var arguments = ParseArguments(ref cursor);
                return new Gate(arguments.Count, arguments);
            }

            case "OR" or "Or" or "or":
                return new Gate(1, ParseArguments(ref cursor));
            case "OutOf" or "outof" or "OUTOF":
            {
                cursor.SkipWhitespace();
                var threshold = cursor.ReadCount();
                cursor.Expect(',');
                var arguments = ParseArguments(ref cursor);
                if (threshold < 0 || threshold > arguments.Count + 1)
                {
                    throw cursor.Error($"invalid t-out-of-n predicate, t {threshold}, n {arguments.Count}");
                }

                return new Gate(threshold, arguments);
            }

            default:
                throw cursor.Error($"unknown gate '{name}' (AND, OR or OutOf)");
        }
    }

    private static List<Node> ParseArguments(ref Cursor cursor)
    {
        var arguments = new List<Node>();
        while (true)
        {
            cursor.SkipWhitespace();
            arguments.Add(cursor.Peek is '\'' or '"' ? ParsePrincipal(ref cursor) : ParseGate(ref cursor));
            if (cursor.TryConsume(','))
            {
                continue;
            }

            cursor.Expect(')');
            return arguments;
        }
    }

    private static Principal ParsePrincipal(ref Cursor cursor)
    {
        var text = cursor.ReadQuoted();
        var match = PrincipalPattern().Match(text);
        if (!match.Success)
        {
            throw cursor.Error($"'{text}' is not a principal 'MSPID.role' (role: member, admin, client, peer or orderer)");
        }

        var role = match.Groups[2].Value switch
        {
            "member" => MSPRole.Types.MSPRoleType.Member,
            "admin" => MSPRole.Types.MSPRoleType.Admin,
            "client" => MSPRole.Types.MSPRoleType.Client,
            "peer" => MSPRole.Types.MSPRoleType.Peer,
            _ => MSPRole.Types.MSPRoleType.Orderer,
        };
        return new Principal(match.Groups[1].Value, role);
    }

    // Fabric's principal rule: MSP IDs of letters, digits, '.' and '-'; the last '.' separates the role.
    [GeneratedRegex(@"^([A-Za-z0-9.\-]+)\.(admin|member|client|peer|orderer)$", RegexOptions.CultureInvariant)]
    private static partial Regex PrincipalPattern();

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
                throw Error(AtEnd ? $"expected '{c}' but the policy ended" : $"expected '{c}'");
            }
        }

        public string ReadWord()
        {
            SkipWhitespace();
            var start = _position;
            while (!AtEnd && char.IsAsciiLetter(text[_position]))
            {
                _position++;
            }

            return start == _position ? throw Error("expected AND, OR, OutOf or a quoted principal") : text[start.._position];
        }

        /// <summary>OutOf's count: a number, or a number in quotes (Fabric accepts both; a fraction is truncated).</summary>
        public int ReadCount()
        {
            var token = Peek is '\'' or '"' ? ReadQuoted() : ReadNumber();
            return double.TryParse(token, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                && value is > int.MinValue and < int.MaxValue
                ? (int)value
                : throw Error($"'{token}' is not a number");
        }

        private string ReadNumber()
        {
            var start = _position;
            while (!AtEnd && (char.IsAsciiDigit(text[_position]) || text[_position] is '-' or '.'))
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
            new($"invalid signature policy \"{text}\" at position {_position}: {message}");
    }
}
