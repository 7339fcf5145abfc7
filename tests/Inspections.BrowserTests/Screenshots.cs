namespace Inspections.BrowserTests;

/// <summary>Where browser tests save the screenshots the README shows: docs/screenshots of the checkout.</summary>
internal static class Screenshots
{
    public static string PathFor(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Inspections.sln")))
        {
            dir = dir.Parent;
        }
        var target = dir is null ? Path.GetTempPath() : Path.Combine(dir.FullName, "docs", "screenshots");
        Directory.CreateDirectory(target);
        return Path.Combine(target, file);
    }
}
