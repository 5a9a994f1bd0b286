using MudBlazor;

namespace SiteBuilder.Portal.Components;

/// <summary>The portal's look: an indigo primary with a teal accent, system fonts (no downloads), contrast checked for AA.</summary>
public static class PortalTheme
{
    private static readonly string[] Fonts = ["Inter", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949AB",
            Secondary = "#00796B",
            Tertiary = "#6A1B9A",
            Info = "#0277BD",
            Success = "#1B5E20",
            Warning = "#92400E",
            Error = "#B71C1C",
            AppbarBackground = "#FFFFFF",
            AppbarText = "#1F2937",
            Background = "#F6F7FB",
            Surface = "#FFFFFF",
            DrawerBackground = "#FFFFFF",
            DrawerText = "#1F2937",
            DrawerIcon = "#4B5563",
            TextPrimary = "#111827",
            TextSecondary = "#4B5563",
            ActionDefault = "#4B5563",
            LinesDefault = "#E5E7EB",
            Divider = "#E5E7EB",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9FA8DA",
            PrimaryContrastText = "#0B1020",
            Secondary = "#80CBC4",
            SecondaryContrastText = "#04201C",
            Tertiary = "#CE93D8",
            Info = "#81D4FA",
            Success = "#A5D6A7",
            Warning = "#FFCC80",
            Error = "#EF9A9A",
            // The dark theme's status colours are light, so text on them (filled chips, buttons) is dark.
            InfoContrastText = "#0B1020",
            SuccessContrastText = "#0B1020",
            WarningContrastText = "#0B1020",
            ErrorContrastText = "#0B1020",
            AppbarBackground = "#161B26",
            AppbarText = "#E5E7EB",
            Background = "#0F131B",
            Surface = "#161B26",
            DrawerBackground = "#161B26",
            DrawerText = "#E5E7EB",
            DrawerIcon = "#C7CDD8",
            TextPrimary = "#F3F4F6",
            TextSecondary = "#C7CDD8",
            ActionDefault = "#C7CDD8",
            LinesDefault = "#2A3140",
            Divider = "#2A3140",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            H4 = new H4Typography { FontWeight = "600" },
            H5 = new H5Typography { FontWeight = "600" },
            H6 = new H6Typography { FontWeight = "600" },
            Button = new ButtonTypography { FontWeight = "600", TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "248px" },
    };
}
