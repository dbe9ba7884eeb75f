using System.Text.RegularExpressions;
using CustomerAgent.Tests.Events;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CustomerAgent.Tests;

/// <summary>One place in <c>src/</c> that constructs a <see cref="CustomerAgentException"/> with a rule code: the code, the file (relative to <c>src/</c>) and the line.</summary>
internal sealed record RuleConstruction(string Code, string File, int Line)
{
    public override string ToString() => $"src/{File}:{Line} constructs {Code}";
}

/// <summary>
/// Where the rules are implemented, read from the code of every project under <c>src/</c> with Roslyn's syntax trees (no
/// compilation, so every project is read alike, whatever it references).
/// </summary>
/// <remarks>
/// A rule is implemented where a <see cref="CustomerAgentException"/> is constructed with its code:
/// <list type="bullet">
/// <item><c>new CustomerAgentException("H2", …)</c>, with the code positional or named <c>rule:</c>;</item>
/// <item><c>new("H2", …)</c> (target-typed) whose first argument is a rule code, or that a member returning
/// <see cref="CustomerAgentException"/> returns, or that is thrown;</item>
/// <item><c>throw Helper("H2", …)</c> and <c>throw X.Helper("H2", …)</c>: a thrown call whose first argument is a rule code
/// (a factory that builds the exception from its caller's code, such as <c>ConversationBatchBuilder.RowError</c>) counts in
/// the calling file.</item>
/// </list>
/// A construction whose code is the enclosing member's parameter is a factory: its callers name the rule (the shared
/// checks of <c>Preconditions</c>, which the homes call with their code). Any other construction whose code is not a
/// literal (a local, a field, an expression) is <see cref="Unnamed"/>: the code must be visible where the rule is decided.
/// </remarks>
internal sealed partial class RuleConstructions
{
    private static readonly Lazy<RuleConstructions> Scanned = new(() => Scan(EventScenarios.FindRepoFile("src")));

    private RuleConstructions(IReadOnlyList<RuleConstruction> found, IReadOnlyList<string> factories, IReadOnlyList<string> unnamed, IReadOnlySet<(string Code, string File)> named)
    {
        Found = found;
        Factories = factories;
        Unnamed = unnamed;
        Named = named;
    }

    /// <summary>The constructions of the current sources (scanned once per test run).</summary>
    internal static RuleConstructions Current => Scanned.Value;

    /// <summary>Every construction with a literal rule code.</summary>
    internal IReadOnlyList<RuleConstruction> Found { get; }

    /// <summary>The files (relative to <c>src/</c>) that construct the exception with a code their caller passes.</summary>
    internal IReadOnlyList<string> Factories { get; }

    /// <summary>Constructions whose code is neither a literal nor the enclosing member's parameter, as <c>file:line</c>.</summary>
    internal IReadOnlyList<string> Unnamed { get; }

    /// <summary>Every rule code written as a string literal argument in <c>src/</c> (constructions and calls of the shared checks), with its file.</summary>
    internal IReadOnlySet<(string Code, string File)> Named { get; }

    /// <summary>R1…, D1…, H1…, and the rules decided here: ID, ACCOUNT, OPTIONS, BULK, LOG.</summary>
    [GeneratedRegex(@"^(?:[RDH][1-9][0-9]*|ID|ACCOUNT|OPTIONS|BULK|LOG)$")]
    internal static partial Regex RuleCode();

    /// <summary>Scans every <c>.cs</c> file under <paramref name="src"/> (the repository's <c>src/</c>), <c>bin/</c> and <c>obj/</c> left out.</summary>
    internal static RuleConstructions Scan(string src)
    {
        var found = new List<RuleConstruction>();
        var factories = new SortedSet<string>(StringComparer.Ordinal);
        var unnamed = new List<string>();
        var named = new HashSet<(string Code, string File)>();
        var files = Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(src, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(src, file)), new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None), file);
            var root = tree.GetRoot();
            foreach (var node in root.DescendantNodes())
            {
                var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                switch (node)
                {
                    case ArgumentSyntax { Expression: LiteralExpressionSyntax literal } when literal.IsKind(SyntaxKind.StringLiteralExpression) && RuleCode().IsMatch(literal.Token.ValueText):
                        named.Add((literal.Token.ValueText, file));
                        break;
                    case BaseObjectCreationExpressionSyntax creation when IsRuleException(creation):
                        switch (RuleArgument(creation.ArgumentList)?.Expression)
                        {
                            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) && RuleCode().IsMatch(literal.Token.ValueText):
                                found.Add(new RuleConstruction(literal.Token.ValueText, file, line));
                                break;
                            case IdentifierNameSyntax identifier when IsParameterOfEnclosingMember(creation, identifier.Identifier.ValueText):
                                factories.Add(file);
                                break;
                            default:
                                unnamed.Add($"src/{file}:{line}");
                                break;
                        }

                        break;
                    case ThrowStatementSyntax { Expression: { } thrown }:
                        AddThrownCall(thrown, file, line, found);
                        break;
                    case ThrowExpressionSyntax { Expression: var thrown }:
                        AddThrownCall(thrown, file, line, found);
                        break;
                }
            }
        }

        return new RuleConstructions(found, [.. factories], unnamed, named);
    }

    private static void AddThrownCall(ExpressionSyntax thrown, string file, int line, List<RuleConstruction> found)
    {
        while (thrown is ParenthesizedExpressionSyntax parenthesized)
        {
            thrown = parenthesized.Expression;
        }

        if (thrown is InvocationExpressionSyntax { ArgumentList.Arguments: [{ Expression: LiteralExpressionSyntax literal }, ..] }
            && literal.IsKind(SyntaxKind.StringLiteralExpression) && RuleCode().IsMatch(literal.Token.ValueText))
        {
            found.Add(new RuleConstruction(literal.Token.ValueText, file, line));
        }
    }

    private static bool IsRuleException(BaseObjectCreationExpressionSyntax creation) => creation switch
    {
        ObjectCreationExpressionSyntax { Type: var type } => RightmostName(type) == nameof(CustomerAgentException),
        ImplicitObjectCreationExpressionSyntax implicitCreation =>
            (RuleArgument(implicitCreation.ArgumentList)?.Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) && RuleCode().IsMatch(literal.Token.ValueText))
            || implicitCreation.Parent is ThrowStatementSyntax or ThrowExpressionSyntax
            || ReturnTypeOfEnclosingMember(implicitCreation) is { } returned && RightmostName(returned) == nameof(CustomerAgentException),
        _ => false,
    };

    private static string? RightmostName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        NullableTypeSyntax nullable => RightmostName(nullable.ElementType),
        _ => null,
    };

    /// <summary>The argument that names the rule: <c>rule:</c> when named, else the first positional one.</summary>
    private static ArgumentSyntax? RuleArgument(ArgumentListSyntax? arguments) =>
        arguments is null ? null
        : arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "rule")
            ?? arguments.Arguments.FirstOrDefault(a => a.NameColon is null);

    private static TypeSyntax? ReturnTypeOfEnclosingMember(SyntaxNode node) => node.Ancestors().Select(a => a switch
    {
        MethodDeclarationSyntax method => method.ReturnType,
        LocalFunctionStatementSyntax local => local.ReturnType,
        PropertyDeclarationSyntax property => property.Type,
        _ => null,
    }).FirstOrDefault(t => t is not null);

    private static bool IsParameterOfEnclosingMember(SyntaxNode node, string name) => node.Ancestors().Any(a => a switch
    {
        BaseMethodDeclarationSyntax method => method.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name),
        LocalFunctionStatementSyntax local => local.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name),
        ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name),
        SimpleLambdaExpressionSyntax lambda => lambda.Parameter.Identifier.ValueText == name,
        TypeDeclarationSyntax { ParameterList: { } primary } => primary.Parameters.Any(p => p.Identifier.ValueText == name),
        _ => false,
    });
}
