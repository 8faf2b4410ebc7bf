// The dev network itself is tracked by its own issue; until it lands this entry point says so plainly.
Console.Error.WriteLine("The embedded dev network is not implemented yet: the protocol definitions (protos/Fabric.Protos) are built and tested; run 'dotnet test Fabric.sln'.");
return 1;
