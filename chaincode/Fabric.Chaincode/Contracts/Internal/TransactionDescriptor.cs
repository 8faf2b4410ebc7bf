using System.ComponentModel;
using System.Reflection;

namespace Fabric.Chaincode.Contracts.Internal;

/// <summary>One parameter of a transaction: bound from an argument or from transient data.</summary>
internal sealed record ParameterDescriptor(string Name, Type Type, string? TransientKey, string Description);

/// <summary>A transaction method of a contract, found by reflection once at start-up.</summary>
internal sealed class TransactionDescriptor
{
    private readonly MethodInfo _method;
    private readonly PropertyInfo? _taskResult;
    private readonly MethodInfo? _valueTaskAsTask;

    private TransactionDescriptor(MethodInfo method, string name, TransactionIntent intent, IReadOnlyList<ParameterDescriptor> parameters)
    {
        _method = method;
        Name = name;
        Intent = intent;
        Parameters = parameters;
        Arguments = parameters.Where(p => p.TransientKey is null).ToArray();
        var returnType = method.ReturnType;
        if (returnType == typeof(void) || returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            ResultType = null;
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            ResultType = returnType.GetGenericArguments()[0];
            _taskResult = returnType.GetProperty(nameof(Task<int>.Result));
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            ResultType = returnType.GetGenericArguments()[0];
            _valueTaskAsTask = returnType.GetMethod(nameof(ValueTask<int>.AsTask));
            _taskResult = typeof(Task<>).MakeGenericType(ResultType).GetProperty(nameof(Task<int>.Result));
        }
        else
        {
            ResultType = returnType;
        }
    }

    public string Name { get; }

    public TransactionIntent Intent { get; }

    /// <summary>Every parameter after the context, in declaration order.</summary>
    public IReadOnlyList<ParameterDescriptor> Parameters { get; }

    /// <summary>The parameters bound from the invocation's arguments (not transient).</summary>
    public IReadOnlyList<ParameterDescriptor> Arguments { get; }

    /// <summary>The type of the value returned to the client, or null when nothing is returned.</summary>
    public Type? ResultType { get; }

    public static TransactionDescriptor? TryCreate(MethodInfo method)
    {
        var attribute = method.GetCustomAttribute<TransactionAttribute>();
        if (attribute is null)
        {
            return null;
        }

        var parameters = method.GetParameters();
        if (parameters.Length == 0 || parameters[0].ParameterType != typeof(ChaincodeContext))
        {
            throw new InvalidOperationException(
                $"Transaction {method.DeclaringType?.Name}.{method.Name} must take a {nameof(ChaincodeContext)} as its first parameter.");
        }

        if (method.IsStatic || method.IsGenericMethodDefinition)
        {
            throw new InvalidOperationException($"Transaction {method.DeclaringType?.Name}.{method.Name} must be a non-generic instance method.");
        }

        var described = parameters.Skip(1).Select(p =>
        {
            if (p.ParameterType.IsByRef || p.IsOut)
            {
                throw new InvalidOperationException($"Parameter '{p.Name}' of transaction {method.Name} must not be ref or out.");
            }

            var transient = p.GetCustomAttribute<TransientAttribute>();
            return new ParameterDescriptor(
                p.Name!,
                p.ParameterType,
                transient is null ? null : transient.Key ?? p.Name!,
                p.GetCustomAttribute<DescriptionAttribute>()?.Description ?? string.Empty);
        }).ToArray();

        var name = attribute.Name ?? (method.Name.EndsWith("Async", StringComparison.Ordinal) && method.Name.Length > 5
            ? method.Name[..^5]
            : method.Name);
        return new TransactionDescriptor(method, name, attribute.Intent, described);
    }

    /// <summary>Calls the method and awaits it; returns its result (null for none).</summary>
    public async Task<object?> InvokeAsync(Contract instance, object?[] arguments)
    {
        var returned = _method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        switch (returned)
        {
            case null:
                return null;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                return null;
            case Task task when _valueTaskAsTask is null:
                await task.ConfigureAwait(false);
                return _taskResult?.GetValue(task);
        }

        if (_valueTaskAsTask is not null)
        {
            var task = (Task)_valueTaskAsTask.Invoke(returned, BindingFlags.DoNotWrapExceptions, null, null, null)!;
            await task.ConfigureAwait(false);
            return _taskResult!.GetValue(task);
        }

        return returned;
    }
}
