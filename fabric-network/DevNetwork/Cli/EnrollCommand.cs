using System.CommandLine;
using Fabric.DevNetwork.Configuration;
using Fabric.DevNetwork.Crypto;

namespace Fabric.DevNetwork.Cli;

/// <summary><c>enroll</c>: adds a user to an organization, with Fabric CA-style attributes for attribute-based access control.</summary>
internal static class EnrollCommand
{
    public static Command Create()
    {
        var network = CommonOptions.Network();
        var data = CommonOptions.Data();
        var organization = new Option<string>("--org") { Description = "MSP ID of the user's organization, e.g. Org1MSP.", Required = true };
        var name = new Option<string>("--name") { Description = "User name; the identity is <name>@<domain>.", Required = true };
        var attributes = new Option<string[]>("--attr")
        {
            Description = "Attribute name=value (repeatable), put in the certificate's extension 1.2.3.4.5.6.7.8.1.",
            AllowMultipleArgumentsPerToken = true,
        };
        var admin = new Option<bool>("--admin") { Description = "Enroll an admin (OU=admin) instead of a client." };
        var command = new Command("enroll", "Add a user (certificate and key in cryptogen's layout) to an organization.")
        {
            network, data, organization, name, attributes, admin,
        };
        command.SetAction(parse =>
        {
            var definition = NetworkFileLoader.Load(CommonOptions.ResolveNetworkFile(parse.GetValue(network)));
            var mspId = parse.GetValue(organization)!;
            var org = definition.Organizations.FirstOrDefault(o => o.MspId == mspId);
            if (org is null)
            {
                Console.Error.WriteLine($"Organization {mspId} is not in the network file.");
                return 1;
            }

            var attributeMap = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(attributes) ?? [])
            {
                var separator = pair.IndexOf('=', StringComparison.Ordinal);
                if (separator <= 0)
                {
                    Console.Error.WriteLine($"Attribute '{pair}' is not name=value.");
                    return 1;
                }

                attributeMap[pair[..separator]] = pair[(separator + 1)..];
            }

            var directory = UserEnroller.Enroll(Path.Combine(parse.GetValue(data)!.FullName, "organizations"), org.Domain,
                parse.GetValue(name)!, attributeMap, parse.GetValue(admin), TimeProvider.System);
            Console.WriteLine($"Enrolled {parse.GetValue(name)}@{org.Domain}: {Path.Combine(directory, "msp")}");
            return 0;
        });
        return command;
    }
}
