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
        var organization = new Option<string>("--org") { Description = "MSP ID of the user's organization, e.g. Org1MSP." };
        var organizationDirectory = new Option<DirectoryInfo?>("--org-dir")
        {
            Description = "Instead of --org: any peer organization folder in cryptogen's layout (with ca/priv_sk), e.g. the " +
                "Fabric test-network's organizations/peerOrganizations/org1.example.com.",
        };
        var name = new Option<string>("--name") { Description = "User name; the identity is <name>@<domain>.", Required = true };
        var attributes = new Option<string[]>("--attr")
        {
            Description = "Attribute name=value (repeatable), put in the certificate's extension 1.2.3.4.5.6.7.8.1.",
            AllowMultipleArgumentsPerToken = true,
        };
        var admin = new Option<bool>("--admin") { Description = "Enroll an admin (OU=admin) instead of a client." };
        var command = new Command("enroll", "Add a user (certificate and key in cryptogen's layout) to an organization.")
        {
            network, data, organization, organizationDirectory, name, attributes, admin,
        };
        command.SetAction(parse =>
        {
            string organizationsRoot, domain;
            if (parse.GetValue(organizationDirectory) is { } folder)
            {
                // <root>/peerOrganizations/<domain>, as cryptogen writes it.
                domain = folder.Name;
                organizationsRoot = folder.Parent?.Parent?.FullName ?? folder.FullName;
            }
            else if (parse.GetValue(organization) is { Length: > 0 } mspId)
            {
                var definition = NetworkFileLoader.Load(CommonOptions.ResolveNetworkFile(parse.GetValue(network)));
                var org = definition.Organizations.FirstOrDefault(o => o.MspId == mspId);
                if (org is null)
                {
                    Console.Error.WriteLine($"Organization {mspId} is not in the network file.");
                    return 1;
                }

                domain = org.Domain;
                organizationsRoot = Path.Combine(parse.GetValue(data)!.FullName, "organizations");
            }
            else
            {
                Console.Error.WriteLine("Name the user's organization with --org <MSP ID> or --org-dir <folder>.");
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

            string directory;
            try
            {
                directory = UserEnroller.Enroll(organizationsRoot, domain, parse.GetValue(name)!, attributeMap, parse.GetValue(admin), TimeProvider.System);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }

            Console.WriteLine($"Enrolled {parse.GetValue(name)}@{domain}: {Path.Combine(directory, "msp")}");
            return 0;
        });
        return command;
    }
}
