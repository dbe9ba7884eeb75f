using System.Diagnostics;

namespace CustomerAgent.Cli.Tests;

/// <summary>Runs the tool in-process (plain output) or as a process, and writes small logs.</summary>
internal static class Cli
{
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the tool in-process with <paramref name="stdin"/> as its standard input (<c>--log -</c>).</summary>
    internal static (int Code, string Out, string Err) RunWithStdin(byte[] stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Program.Run(args, stdout, stderr, () => new MemoryStream(stdin, writable: false));
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the built tool (customer-agent.dll next to the tests) in <paramref name="workingDirectory"/>, as a user would.</summary>
    internal static (int Code, string Out, string Err) RunProcess(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "customer-agent.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, err.Result);
    }

    /// <summary>A temporary file holding <paramref name="lines"/>; deleted on dispose.</summary>
    internal sealed class TempLog : IDisposable
    {
        internal TempLog(params string[] lines)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ca-cli-" + Guid.NewGuid().ToString("N") + ".jsonl");
            File.WriteAllText(Path, lines.Length == 0 ? string.Empty : string.Join("\n", lines) + "\n");
        }

        internal string Path { get; }

        internal string Sibling(string suffix) => Path + suffix;

        public void Dispose()
        {
            foreach (var f in Directory.GetFiles(System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetFileName(Path) + "*"))
            {
                File.Delete(f);
            }
        }
    }

    /// <summary>Two accounts with the same conversation ID, one of them with a handoff; acme in Paris, globex in New York.</summary>
    internal static readonly string[] TwoAccounts =
    [
        """{"type":"account-settings","account":"acme","at":"2026-06-01T00:00:00Z","timeZone":"Europe/Paris"}""",
        """{"type":"account-settings","account":"globex","at":"2026-06-01T00:00:00Z","timeZone":"America/New_York"}""",
        """{"conversation":"c1","account":"acme","channel":"web-chat","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Any red shoes?","profile":{"name":"Ann","email":"ann@example.com"}}""",
        """{"conversation":"c1","account":"acme","at":"2026-06-07T10:01:00Z","type":"agent-message","text":"These:","skill":"product-recommendations","products":["SKU-1"]}""",
        """{"conversation":"c1","account":"acme","at":"2026-06-07T10:02:00Z","type":"tag","tag":"shoes"}""",
        """{"conversation":"c1","account":"acme","at":"2026-06-07T10:03:00Z","type":"close","by":"visitor"}""",
        """{"conversation":"c2","account":"acme","channel":"sms","at":"2026-06-06T09:00:00Z","type":"shopper-message","text":"Where is my parcel?"}""",
        """{"conversation":"c2","account":"acme","at":"2026-06-06T09:01:00Z","type":"handoff","kind":"transfer-to-human","mode":"hard","reason":"explicit-ask"}""",
        """{"conversation":"c1","account":"globex","channel":"web-chat","at":"2026-06-07T12:00:00Z","type":"shopper-message","text":"Hello?"}""",
        """{"conversation":"c1","account":"globex","at":"2026-06-07T12:01:00Z","type":"agent-message","text":"Hi!","skill":"general-qa"}""",
        """{"conversation":"c1","account":"globex","at":"2026-06-07T12:05:00Z","type":"shopper-message","text":"Bye"}""",
        """{"conversation":"c1","account":"globex","at":"2026-06-07T12:06:00Z","type":"close","by":"visitor"}""",
    ];
}
