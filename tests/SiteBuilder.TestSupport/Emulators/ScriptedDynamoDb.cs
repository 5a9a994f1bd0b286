using System.Collections.Concurrent;
using System.Reflection;
using Amazon.DynamoDBv2;

namespace SiteBuilder.TestSupport.Emulators;

/// <summary>
/// An <see cref="IAmazonDynamoDB"/> whose answers a test scripts per operation, for behaviour of real DynamoDB that dynalite
/// does not show (eventual consistency, slow table creation). Operations without a script fail the test.
/// </summary>
public class ScriptedDynamoDb : DispatchProxy
{
    private readonly ConcurrentDictionary<string, Func<object?[], Task>> _scripts = new();
    private readonly ConcurrentQueue<string> _calls = new();

    public static (IAmazonDynamoDB Client, ScriptedDynamoDb Script) Create()
    {
        var client = Create<IAmazonDynamoDB, ScriptedDynamoDb>();
        return (client, (ScriptedDynamoDb)(object)client);
    }

    /// <summary>The operations called so far, in order, e.g. <c>DescribeTableAsync</c>.</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    /// <summary>Answers <paramref name="operation"/> (the method name, e.g. <c>DescribeTableAsync</c>); an exception thrown by the answer faults the task.</summary>
    public ScriptedDynamoDb On<TResponse>(string operation, Func<TResponse> answer) => On<object, TResponse>(operation, _ => answer());

    /// <summary>Answers <paramref name="operation"/> from its request object, e.g. a <c>GetItemRequest</c>.</summary>
    public ScriptedDynamoDb On<TRequest, TResponse>(string operation, Func<TRequest, TResponse> answer)
    {
        _scripts[operation] = args =>
        {
            try
            {
                return Task.FromResult(answer(args.OfType<TRequest>().First()));
            }
            catch (Exception e)
            {
                return Task.FromException<TResponse>(e);
            }
        };
        return this;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        _calls.Enqueue(targetMethod.Name);
        if (targetMethod.Name == nameof(IDisposable.Dispose))
        {
            return null;
        }

        return _scripts.TryGetValue(targetMethod.Name, out var script)
            ? script(args ?? [])
            : throw new InvalidOperationException($"{targetMethod.Name} is not scripted for this test.");
    }
}
