using System.Text;
using SiteBuilder.Generation.Sections;
using static SiteBuilder.Generation.Offline.Markup;

namespace SiteBuilder.Generation.Offline;

/// <summary>
/// Writes a design as a complete HTML document in streaming order: the head with its one stylesheet
/// (plus the page chrome up to <c>&lt;main&gt;</c>), one part per section, then the closing tags.
/// </summary>
internal static class PageWriter
{
    public static IReadOnlyList<string> Write(PageDesign design, string? logoDataUri)
    {
        var page = new PageContext(design, logoDataUri);
        var parts = new List<string>(design.Sections.Count + 2);
        var html = new StringBuilder(24 * 1024);
        Head(html, page);
        Header(html, page);
        parts.Add(Take(html));

        var mainOpen = true;
        var alternate = false;
        foreach (var section in design.Sections)
        {
            if (section.Kind == SectionKinds.Footer && mainOpen)
            {
                html.Append("\n</main>");
                mainOpen = false;
            }

            var banded = section.Kind is SectionKinds.Hero or SectionKinds.Cta or SectionKinds.Footer;
            SectionLibrary.Write(html, page, section, !banded && alternate);
            if (!banded)
            {
                alternate = !alternate;
            }

            parts.Add(Take(html));
        }

        if (mainOpen)
        {
            html.Append("\n</main>");
        }

        // Nothing may follow </body>: a parser moves trailing whitespace into the body, and the page must
        // serialize back to exactly these bytes.
        html.Append("\n</body></html>");
        parts.Add(Take(html));
        return parts;
    }

    private static string Take(StringBuilder html)
    {
        var text = html.ToString();
        html.Clear();
        return text;
    }

    private static void Head(StringBuilder html, PageContext page)
    {
        var headline = page.Sections.FirstOrDefault(s => s.Kind == SectionKinds.Hero)?.Heading ?? page.Brand;
        var title = headline.Contains(page.Brand, StringComparison.OrdinalIgnoreCase) ? headline : $"{headline} | {page.Brand}";
        html.Append("<!DOCTYPE html><html lang=\"en\"><head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Text(title)).Append("</title>\n")
            .Append("<meta name=\"description\" content=\"").Append(Attr(Copy.HeroLead(page))).Append("\">\n")
            .Append("<meta name=\"theme-color\" content=\"").Append(page.Palette.Primary.ToHex()).Append("\">\n")
            .Append("<meta name=\"generator\" content=\"SiteBuilder offline composer\">\n")
            .Append("<meta name=\"").Append(PageDesign.MetaName).Append("\" content=\"").Append(Attr(page.Design.ToJson())).Append("\">\n")
            .Append("<style>");
        PageStyles.Write(html, page.Palette, page.Theme);
        html.Append("</style>\n</head>\n");
    }

    private static void Header(StringBuilder html, PageContext page)
    {
        html.Append("<body>\n<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n")
            .Append("<header class=\"site-header\" id=\"top\"><div class=\"container bar\"><a class=\"brand\" href=\"#top\">");
        if (page.Logo is not null)
        {
            // The brand name follows as text, so the logo itself is decorative here.
            html.Append("<img class=\"brand-mark\" src=\"").Append(Attr(page.Logo)).Append("\" alt=\"\" width=\"36\" height=\"36\">");
        }
        else
        {
            Art.BrandMark(html, Initials(page.Brand)[..1]);
        }

        html.Append("<span>").Append(Text(page.Brand)).Append("</span></a>");
        var nav = page.NavSections(4).ToList();
        if (nav.Count > 0)
        {
            html.Append("<nav class=\"site-nav\" aria-label=\"Primary\"><ul>");
            foreach (var section in nav)
            {
                html.Append("<li><a href=\"#").Append(section.Kind).Append("\">").Append(Text(page.NavLabel(section.Kind))).Append("</a></li>");
            }

            html.Append("</ul></nav>");
        }

        html.Append("<a class=\"btn btn-primary btn-small header-cta\" href=\"").Append(page.PrimaryTarget).Append("\">")
            .Append(Text(page.PrimaryAction)).Append("</a></div></header>\n<main id=\"main\">");
    }
}
