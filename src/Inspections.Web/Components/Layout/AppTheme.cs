using MudBlazor;

namespace Inspections.Web.Components.Layout;

public static class AppTheme
{
    /// <summary>CJK-capable fonts first so Chinese never falls back to a font without the glyphs.</summary>
    public static readonly string[] Fonts =
    [
        "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Roboto", "Helvetica", "Arial", "sans-serif",
    ];

    public static MudTheme Create()
    {
        var theme = new MudTheme
        {
            PaletteLight = new PaletteLight
            {
                Primary = "#1b4a8f",
                PrimaryDarken = "#143a72",
                PrimaryLighten = "#3d6db3",
                Secondary = "#00796b",
                Tertiary = "#5c6bc0",
                Info = "#1976d2",
                Success = "#2e7d32",
                Warning = "#ed6c02",
                Error = "#c62828",
                AppbarBackground = "#123a73",
                AppbarText = "#ffffff",
                Background = "#f3f5f9",
                Surface = "#ffffff",
                DrawerBackground = "#ffffff",
                DrawerText = "#1f2937",
                DrawerIcon = "#1b4a8f",
                TextPrimary = "#1f2937",
                TextSecondary = "#556070",
                TableHover = "#e8eef8",
                TableStriped = "#f8fafd",
            },
            LayoutProperties = new LayoutProperties
            {
                DrawerWidthLeft = "216px",
                DefaultBorderRadius = "6px",
                AppbarHeight = "60px",
            },
        };
        var t = theme.Typography;
        foreach (var style in new[] { t.Default, t.H1, t.H2, t.H3, t.H4, t.H5, t.H6, t.Subtitle1, t.Subtitle2, t.Body1, t.Body2, t.Button, t.Caption, t.Overline })
        {
            style.FontFamily = Fonts;
        }
        t.Button.TextTransform = "none";
        t.H5.FontWeight = "500";
        t.H6.FontWeight = "500";
        return theme;
    }
}
