using Fabric.Admin.Cli;

return await AdminCli.Create(TimeProvider.System).Parse(args).InvokeAsync().ConfigureAwait(false);
