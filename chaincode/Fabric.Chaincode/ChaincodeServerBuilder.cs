using Fabric.Chaincode.Contracts;
using Fabric.Chaincode.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabric.Chaincode;

/// <summary>
/// Configures a chaincode server: its contracts (or one low-level <see cref="IChaincode"/>), services for
/// constructor injection into contracts, logging, and <see cref="ChaincodeServerOptions"/>.
/// </summary>
public sealed class ChaincodeServerBuilder
{
    private readonly WebApplicationBuilder _web;
    private readonly List<Type> _contracts = [];
    private readonly List<Action<ChaincodeServerOptions>> _configure = [];
    private Type? _chaincodeType;
    private ChaincodeInfo _info = new(string.Empty, string.Empty);

    internal ChaincodeServerBuilder(string[] args)
    {
        _web = WebApplication.CreateSlimBuilder(args);
    }

    /// <summary>Services available to contract constructors.</summary>
    public IServiceCollection Services => _web.Services;

    /// <summary>Configuration: environment variables and command-line arguments, plus whatever is added.</summary>
    public IConfigurationManager Configuration => _web.Configuration;

    /// <summary>Logging providers and filters.</summary>
    public ILoggingBuilder Logging => _web.Logging;

    /// <summary>Changes options after they were read from configuration.</summary>
    public ChaincodeServerBuilder Configure(Action<ChaincodeServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure.Add(configure);
        return this;
    }

    /// <summary>
    /// Adds a contract. The first contract added is the default one, called for function names without a
    /// <c>ContractName:</c> prefix, unless another carries <see cref="ContractAttribute.IsDefault"/>.
    /// A new instance is created for every transaction, with constructor parameters from <see cref="Services"/>.
    /// </summary>
    public ChaincodeServerBuilder AddContract<TContract>()
        where TContract : Contract
    {
        _contracts.Add(typeof(TContract));
        return this;
    }

    /// <summary>Title and version reported in the contract metadata (<c>org.hyperledger.fabric:GetMetadata</c>).</summary>
    public ChaincodeServerBuilder WithInfo(string title, string version)
    {
        _info = new ChaincodeInfo(title ?? string.Empty, version ?? string.Empty);
        return this;
    }

    /// <summary>Serves a low-level chaincode instead of contracts (resolved from <see cref="Services"/> or constructed).</summary>
    public ChaincodeServerBuilder UseChaincode<TChaincode>()
        where TChaincode : class, IChaincode
    {
        _chaincodeType = typeof(TChaincode);
        return this;
    }

    /// <summary>Validates the options and builds the server.</summary>
    /// <exception cref="InvalidOperationException">The options are not usable (the message lists every problem) or nothing is served.</exception>
    public ChaincodeServer Build()
    {
        var options = ServerConfiguration.Read(_web.Configuration);
        foreach (var configure in _configure)
        {
            configure(options);
        }

        var problems = options.Validate().ToList();
        if (_contracts.Count == 0 && _chaincodeType is null)
        {
            problems.Add("No chaincode to serve: call AddContract<T>() or UseChaincode<T>().");
        }

        if (_contracts.Count > 0 && _chaincodeType is not null)
        {
            problems.Add("Serve either contracts or one low-level chaincode, not both.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The chaincode server is misconfigured:" + Environment.NewLine + "- " +
                string.Join(Environment.NewLine + "- ", problems));
        }

        _web.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        if (_chaincodeType is not null)
        {
            var chaincodeType = _chaincodeType;
            _web.Services.AddSingleton(typeof(IChaincode), sp => ActivatorUtilities.GetServiceOrCreateInstance(sp, chaincodeType));
        }
        else
        {
            var contracts = _contracts.ToArray();
            var info = _info;
            _web.Services.AddSingleton<IChaincode>(sp => ContractChaincode.Create(contracts, sp, info));
        }

        ServerConfiguration.ConfigureHost(_web, options);
        var app = _web.Build();
        app.MapGrpcService<ChaincodeConnectService>();
        return new ChaincodeServer(app, options);
    }
}
