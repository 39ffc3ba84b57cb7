using Spectre.Console.Cli;

namespace PumpSim.Cli.Infrastructure;

/// <summary>The smallest registrar Spectre.Console.Cli needs: it lets commands take the console and
/// the error writer in their constructors, so tests swap both. Spectre also asks for
/// IEnumerable&lt;T&gt; of a service, so every registration of a service is kept, in order.</summary>
internal sealed class TypeRegistrar : ITypeRegistrar
{
    private readonly Dictionary<Type, List<Func<object>>> _factories = [];

    public void Register(Type service, Type implementation) => Add(service, () => Create(implementation));
    public void RegisterInstance(Type service, object implementation) => Add(service, () => implementation);
    public void RegisterLazy(Type service, Func<object> factory) => Add(service, factory);
    public ITypeResolver Build() => new Resolver(this);

    private void Add(Type service, Func<object> factory)
    {
        if (!_factories.TryGetValue(service, out var list)) _factories[service] = list = [];
        list.Add(factory);
    }

    // Every type Spectre asks for is a command or settings type of pumpsim or one of Spectre's own, and
    // the native build keeps both assemblies whole (TrimmerRootAssembly), constructors included.
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070",
        Justification = "pumpsim and Spectre.Console.Cli are trimmer roots in the native build; .ci/native runs every verb.")]
    private object Create(Type type)
    {
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var args = ctor.GetParameters().Select(p => Resolve(p.ParameterType)).ToArray();
        return ctor.Invoke(args);
    }

    private object? Resolve(Type type)
    {
        if (_factories.TryGetValue(type, out var list)) return list[^1]();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            // Spectre asks for all of its interceptors and help providers; an array built from a Type at run time
            // (Array.CreateInstance) needs code a native binary may not have, so name the type.
            var item = type.GetGenericArguments()[0];
            var all = _factories.TryGetValue(item, out var l) ? l.Select(f => f()) : [];
            if (item == typeof(ICommandInterceptor)) return all.Cast<ICommandInterceptor>().ToArray();
            if (item == typeof(Spectre.Console.Cli.Help.IHelpProvider)) return all.Cast<Spectre.Console.Cli.Help.IHelpProvider>().ToArray();
            throw new InvalidOperationException($"TypeRegistrar: no list of {item} is registered");
        }
        if (type.IsInterface || type.IsAbstract) return null;
        return Create(type);
    }

    private sealed class Resolver(TypeRegistrar registrar) : ITypeResolver
    {
        public object? Resolve(Type? type) => type is null ? null : registrar.Resolve(type);
    }
}
