using System.CommandLine;
using Fabric.DevNetwork.Cli;

var root = new RootCommand("Embedded Fabric-compatible dev network: an orderer and one peer per organization in one process.");
root.Subcommands.Add(UpCommand.Create());
root.Subcommands.Add(EnrollCommand.Create());
root.Subcommands.Add(DownCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
