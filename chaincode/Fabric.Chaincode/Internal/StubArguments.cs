using System.Text;

namespace Fabric.Chaincode.Internal;

/// <summary>Shared by every stub: the function name and string parameters of an argument list.</summary>
internal static class StubArguments
{
    public static (string Function, IReadOnlyList<string> Parameters) Split(IReadOnlyList<byte[]> args)
    {
        if (args.Count == 0)
        {
            return (string.Empty, []);
        }

        var parameters = new string[args.Count - 1];
        for (var i = 1; i < args.Count; i++)
        {
            parameters[i - 1] = Encoding.UTF8.GetString(args[i]);
        }

        return (Encoding.UTF8.GetString(args[0]), parameters);
    }
}
