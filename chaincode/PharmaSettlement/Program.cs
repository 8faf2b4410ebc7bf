// The contracts of this chaincode are tracked by their own issue; until they land the process says so.
Console.Error.WriteLine("This chaincode has no contracts yet.");
return 1;
