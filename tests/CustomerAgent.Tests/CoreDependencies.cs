using System.Reflection;
using CustomerAgent.Tests.Events;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CustomerAgent.Tests;

/// <summary>One use that makes a folder depend on another: where it is, the type (or namespace) of the other folder, and the symbol the code names.</summary>
internal sealed record DependencyEvidence(string File, int Line, string Used, string? Symbol, bool IsUsingDirective)
{
    public override string ToString() =>
        IsUsingDirective ? $"{File}:{Line} has using {Used}"
        : Symbol is null ? $"{File}:{Line} uses {Used}"
        : $"{File}:{Line} uses {Used} (in {Symbol})";
}

/// <summary>
/// The dependency graph of the folders of <c>src/CustomerAgent</c>, derived from the code by Roslyn's semantic model.
/// </summary>
/// <remarks>
/// The sources are compiled as the build compiles them (implicit usings, the System.Text.Json source generator, the
/// assemblies of this test's own runtime as references: NodaTime, the DI abstractions, System.Text.Json, …). Every syntax
/// node of a file whose symbol is a type, or a member of a type (a method, extension method, constructor, operator,
/// property, field, enum value), records an edge from the file's folder to the folder that declares the type: a type in
/// <c>CustomerAgent</c> belongs to <see cref="Root"/>, a type in <c>CustomerAgent.X</c> or <c>CustomerAgent.X.Y</c> to
/// <c>X</c>. That covers fully and partially qualified names, attributes, <c>nameof</c>, generic arguments (written or
/// inferred), <c>var</c>, static usings and aliases; a namespace <c>using</c> directive records an edge to the folder of
/// its namespace. Documentation comments are not code and record nothing.
/// </remarks>
internal sealed class CoreDependencies
{
    /// <summary>The node for the files directly in <c>src/CustomerAgent</c> (namespace <c>CustomerAgent</c>).</summary>
    internal const string Root = "root";

    private const string Namespace = "CustomerAgent";

    private static readonly Lazy<CoreDependencies> Derived = new(Derive);

    private CoreDependencies(IReadOnlyList<string> folders, IReadOnlyDictionary<(string From, string To), DependencyEvidence> edges, IReadOnlyList<string> errors, IReadOnlyList<string> misplaced)
    {
        Folders = folders;
        Edges = edges;
        CompilationErrors = errors;
        MisplacedTypes = misplaced;
    }

    /// <summary>The graph of the current sources (derived once per test run).</summary>
    internal static CoreDependencies Current => Derived.Value;

    /// <summary><see cref="Root"/> and every top folder of <c>src/CustomerAgent</c> that holds code.</summary>
    internal IReadOnlyList<string> Folders { get; }

    /// <summary>Every edge between two different folders, with the first use (by file and line) that makes it.</summary>
    internal IReadOnlyDictionary<(string From, string To), DependencyEvidence> Edges { get; }

    /// <summary>Errors of the compilation: with any, some names did not resolve and the graph could miss an edge.</summary>
    internal IReadOnlyList<string> CompilationErrors { get; }

    /// <summary>Types declared in a file whose folder is not the folder of their namespace.</summary>
    internal IReadOnlyList<string> MisplacedTypes { get; }

    /// <summary>The folders <paramref name="folder"/> uses.</summary>
    internal IEnumerable<string> Uses(string folder) => Edges.Keys.Where(e => e.From == folder).Select(e => e.To).Order(StringComparer.Ordinal);

    /// <summary>The cycles of the graph, one per folder that lies on one (the shortest through it), each as its folders in order.</summary>
    internal IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var cycles = new List<IReadOnlyList<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in Folders)
        {
            var cycle = ShortestPath(Uses(start), start);
            if (cycle is null)
            {
                continue;
            }

            cycle.Insert(0, start);
            var smallest = cycle.Skip(1).Min(StringComparer.Ordinal)!;
            // The same ring found from another of its folders is the same cycle.
            var canonical = cycle.Skip(1).Concat(cycle.Skip(1)).SkipWhile(f => f != smallest).Take(cycle.Count - 1).ToList();
            if (seen.Add(string.Join(">", canonical)))
            {
                cycles.Add(cycle);
            }
        }

        return cycles;
    }

    /// <summary>A cycle as text: the folders in order, then one use per edge.</summary>
    internal string Describe(IReadOnlyList<string> cycle) =>
        string.Join(" → ", cycle) + Environment.NewLine + string.Join(Environment.NewLine, cycle.Zip(cycle.Skip(1), (from, to) => $"    {from} → {to}: {Edges[(from, to)]}"));

    // Breadth first from the given folders to target; the path found starts after the first step's origin.
    private List<string>? ShortestPath(IEnumerable<string> from, string target)
    {
        var previous = new Dictionary<string, string?>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var next in from)
        {
            previous[next] = null;
            queue.Enqueue(next);
        }

        while (queue.Count > 0)
        {
            var folder = queue.Dequeue();
            if (folder == target)
            {
                var path = new List<string>();
                for (string? at = folder; at is not null; at = previous[at])
                {
                    path.Insert(0, at);
                }

                return path;
            }

            foreach (var next in Uses(folder).Where(n => !previous.ContainsKey(n)))
            {
                previous[next] = folder;
                queue.Enqueue(next);
            }
        }

        return null;
    }

    private static CoreDependencies Derive()
    {
        var src = Path.GetDirectoryName(EventScenarios.FindRepoFile(Path.Combine("src", Namespace, Namespace + ".csproj")))!;
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None);
        var files = Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(src, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(src, f)), parseOptions, f)).ToList();

        // The SDK's implicit usings (ImplicitUsings=enable).
        var implicitUsings = CSharpSyntaxTree.ParseText(
            string.Concat(new[] { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" }.Select(n => $"global using global::{n};\n")),
            parseOptions,
            "GlobalUsings.g.cs");

        // The references of this test's own runtime, but not the assemblies built from this repository.
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !Path.GetFileName(p).StartsWith(Namespace, StringComparison.Ordinal))
            .Select(p => MetadataReference.CreateFromFile(p));

        Compilation compilation = CSharpCompilation.Create(
            Namespace,
            trees.Append(implicitUsings),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var generator = Path.Combine(AppContext.BaseDirectory, "generators", "System.Text.Json.SourceGeneration.dll");
        if (File.Exists(generator))
        {
            var generators = Assembly.LoadFrom(generator).GetTypes()
                .Where(t => t.GetCustomAttribute<GeneratorAttribute>() is not null && typeof(IIncrementalGenerator).IsAssignableFrom(t))
                .Select(t => ((IIncrementalGenerator)Activator.CreateInstance(t)!).AsSourceGenerator());
            CSharpGeneratorDriver.Create(generators, parseOptions: parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _);
        }

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        if (!File.Exists(generator))
        {
            errors.Insert(0, $"the System.Text.Json source generator is not at {generator} (the test project's build copies it there)");
        }

        var edges = new Dictionary<(string, string), DependencyEvidence>();
        var misplaced = new List<string>();
        var folders = new SortedSet<string>(StringComparer.Ordinal) { Root };
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            var folder = FolderOfFile(tree.FilePath);
            folders.Add(folder);
            foreach (var declaration in tree.GetRoot().DescendantNodes().Where(n => n is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax))
            {
                var declared = model.GetDeclaredSymbol(declaration)!;
                if (FolderOf(declared.ContainingNamespace) != folder)
                {
                    misplaced.Add($"{tree.FilePath}: {declared.ToDisplayString()} is not in namespace {(folder == Root ? Namespace : Namespace + "." + folder)}");
                }
            }

            foreach (var (node, symbol) in UsedSymbols(model))
            {
                foreach (var (used, definition) in FoldersOf(symbol))
                {
                    // The first use of each edge, but a namespace using directive only while no type or member shows it.
                    if (used != folder && (!edges.TryGetValue((folder, used), out var known) || (known.IsUsingDirective && symbol is not INamespaceSymbol)))
                    {
                        edges[(folder, used)] = new DependencyEvidence(
                            tree.FilePath,
                            node.GetLocation().GetLineSpan().StartLinePosition.Line + 1,
                            definition.ToDisplayString(),
                            SymbolEqualityComparer.Default.Equals(definition, symbol.OriginalDefinition) ? null : symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                            symbol is INamespaceSymbol);
                    }
                }
            }
        }

        return new CoreDependencies([.. folders], edges, errors, misplaced);
    }

    private static string FolderOfFile(string relativePath) =>
        relativePath.Contains('/', StringComparison.Ordinal) ? relativePath[..relativePath.IndexOf('/', StringComparison.Ordinal)] : Root;

    // Every symbol a node of the tree names, in document order; namespaces only as the name of a using directive.
    private static IEnumerable<(SyntaxNode Node, ISymbol Symbol)> UsedSymbols(SemanticModel model)
    {
        foreach (var node in model.SyntaxTree.GetRoot().DescendantNodes())
        {
            if (node is not (ExpressionSyntax or AttributeSyntax or ConstructorInitializerSyntax or PrimaryConstructorBaseTypeSyntax))
            {
                continue;
            }

            var info = model.GetSymbolInfo(node);
            var symbols = info.Symbol is { } symbol ? [symbol] : info.CandidateSymbols;
            foreach (var used in symbols)
            {
                if (used is not INamespaceSymbol || node.Parent is UsingDirectiveSyntax)
                {
                    yield return (node, used);
                }
            }
        }
    }

    // The folders of the core that declare the types a symbol names (itself or its containing type, and every type
    // argument), each with the type; a namespace's folder with the namespace.
    private static IEnumerable<(string Folder, ISymbol Definition)> FoldersOf(ISymbol symbol)
    {
        if (symbol is INamespaceSymbol ns)
        {
            return FolderOf(ns) is { } folder ? [(folder, ns)] : [];
        }

        IEnumerable<ITypeSymbol> types = symbol switch
        {
            ITypeSymbol type => TypesIn(type),
            IMethodSymbol method => TypesIn(method.ContainingType).Concat(method.TypeArguments.SelectMany(TypesIn)),
            IPropertySymbol or IFieldSymbol or IEventSymbol => TypesIn(symbol.ContainingType),
            _ => [],
        };
        return types.Select(t => (Folder: FolderOf(t.ContainingNamespace), Definition: (ISymbol)t))
            .Where(f => f.Folder is not null)
            .Select(f => (f.Folder!, f.Definition));
    }

    private static IEnumerable<ITypeSymbol> TypesIn(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol array => TypesIn(array.ElementType),
        IPointerTypeSymbol pointer => TypesIn(pointer.PointedAtType),
        INamedTypeSymbol named => named.TypeArguments.SelectMany(TypesIn).Prepend(named.OriginalDefinition),
        _ => [],
    };

    private static string? FolderOf(INamespaceSymbol? ns)
    {
        var name = ns?.ToDisplayString();
        return name == Namespace ? Root
            : name is not null && name.StartsWith(Namespace + ".", StringComparison.Ordinal) ? name.Split('.')[1]
            : null;
    }
}
