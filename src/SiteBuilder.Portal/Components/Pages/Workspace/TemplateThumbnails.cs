using System.Collections.Concurrent;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Generation.Offline;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Theming;

namespace SiteBuilder.Portal.Components.Pages.Workspace;

/// <summary>Each template's own sample page, composed once by the offline composer and shown small in the template picker.</summary>
public sealed class TemplateThumbnails
{
    private readonly ConcurrentDictionary<string, string> _pages = new();

    public string For(PageTemplate template) => _pages.GetOrAdd(template.Id, _ =>
    {
        var prompt = template.Description;
        var brand = new BrandKit();
        var theme = ThemeSelector.Select(brand, template, prompt);
        var layout = LayoutAgent.Plan(template, prompt, theme);
        return OfflineComposer.Compose(new PageRequest(prompt, template, theme, layout, brand));
    });
}
