namespace Inspections.Infrastructure.Documents.Fonts;

/// <summary>Finds the document font on disk (see <see cref="DocumentOptions.FontDirectory"/> for the search order).</summary>
public static class FontLocator
{
    /// <summary>Noto Sans SC Regular, static TrueType (glyf) from @expo-google-fonts/noto-sans-sc 0.4.3 (OFL-1.1).</summary>
    public const string RegularFileName = "NotoSansSC_400Regular.ttf";

    public const string CacheFolderName = ".fonts-cache";

    private const string Remedy =
        "Run scripts/fonts.sh (it fetches the pinned Noto Sans SC font into .fonts-cache/), or point the "
        + DocumentOptions.FontDirectoryVariable + " environment variable or the Documents:FontDirectory setting to a folder "
        + "holding " + RegularFileName + ".";

    /// <summary>Returns the full path of the regular face or throws <see cref="DocumentFontNotFoundException"/>.</summary>
    /// <param name="options">Configured font directory, if any.</param>
    /// <param name="contentRoot">Base of a relative <see cref="DocumentOptions.FontDirectory"/> and first place searched.</param>
    /// <param name="environment">Reads environment variables (default: the process environment).</param>
    public static string LocateRegular(DocumentOptions options, string? contentRoot = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fromEnvironment = (environment ?? Environment.GetEnvironmentVariable)(DocumentOptions.FontDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Require(Path.GetFullPath(fromEnvironment), $"{DocumentOptions.FontDirectoryVariable}={fromEnvironment}");
        }

        if (!string.IsNullOrWhiteSpace(options.FontDirectory))
        {
            var dir = Path.GetFullPath(options.FontDirectory, contentRoot ?? Environment.CurrentDirectory);
            return Require(dir, $"Documents:FontDirectory={options.FontDirectory}");
        }

        var searched = new List<string>();
        foreach (var start in StartDirectories(contentRoot))
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, CacheFolderName);
                if (searched.Contains(candidate))
                {
                    break;
                }

                searched.Add(candidate);
                var file = Path.Combine(candidate, RegularFileName);
                if (File.Exists(file))
                {
                    return file;
                }

                if (IsRepositoryRoot(dir))
                {
                    break;
                }
            }
        }

        throw new DocumentFontNotFoundException(
            $"The Chinese document font {RegularFileName} was not found, so no PDF can be rendered. "
            + $"Looked in: {string.Join(", ", searched)}. {Remedy}");
    }

    private static string Require(string directory, string source)
    {
        var file = Path.Combine(directory, RegularFileName);
        if (!File.Exists(file))
        {
            throw new DocumentFontNotFoundException(
                $"The Chinese document font {RegularFileName} is not in {directory} (from {source}), so no PDF can be rendered. {Remedy}");
        }

        return file;
    }

    private static IEnumerable<string> StartDirectories(string? contentRoot)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dir in new[] { contentRoot, AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            if (!string.IsNullOrWhiteSpace(dir) && Directory.Exists(dir) && seen.Add(Path.GetFullPath(dir)))
            {
                yield return Path.GetFullPath(dir);
            }
        }
    }

    private static bool IsRepositoryRoot(DirectoryInfo dir) =>
        Directory.Exists(Path.Combine(dir.FullName, ".git"))
        || File.Exists(Path.Combine(dir.FullName, ".git"))
        || File.Exists(Path.Combine(dir.FullName, "Inspections.sln"));
}
