namespace IOC.Web.Commands;

/// <summary>
/// <c>IOC.Web [replay FILE [--server URL] [--api-key KEY]] [--Key=Value ...]</c>. Command words are taken out
/// before the rest reaches ASP.NET's configuration, so they never turn into settings by accident.
/// </summary>
public sealed record CommandLine(string? Name, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Options, string[] HostArgs)
{
    private static readonly string[] Commands = ["replay", "generate-sample"];
    private static readonly string[] CommandOptions = ["--server", "--api-key", "--date", "--seed", "--out"];

    public static CommandLine Parse(string[] args)
    {
        if (args.Length == 0 || !Commands.Contains(args[0]))
        {
            return new CommandLine(null, [], new Dictionary<string, string>(), args);
        }

        var positional = new List<string>();
        var options = new Dictionary<string, string>();
        var host = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (CommandOptions.Contains(args[i]))
            {
                options[args[i][2..]] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                host.Add(args[i]);
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        return new CommandLine(args[0], positional, options, [.. host]);
    }

    /// <summary>
    /// A path as the user typed it: <c>dotnet run</c> starts the app in the project folder, so a relative path
    /// is also tried against the caller's shell directory (PWD).
    /// </summary>
    public static string? ResolvePath(string path, bool mustExist = true)
    {
        if (Path.IsPathRooted(path) || (mustExist && File.Exists(path)))
        {
            return !mustExist || File.Exists(path) ? Path.GetFullPath(path) : null;
        }

        var shell = Environment.GetEnvironmentVariable("PWD");
        var fromShell = string.IsNullOrEmpty(shell) ? path : Path.Combine(shell, path);
        return !mustExist || File.Exists(fromShell) ? Path.GetFullPath(fromShell) : null;
    }

    public Task<int> RunAsync(WebApplication app) => Name switch
    {
        "replay" => ReplayCommand.RunAsync(app, this),
        "generate-sample" => GenerateSampleCommand.RunAsync(app, this),
        _ => throw new InvalidOperationException($"Unknown command {Name}."),
    };
}
