using System.Text;

namespace SiteBuilder.Generation.Offline;

/// <summary>
/// Inline SVG icons and illustrations, written with explicit end tags (as an HTML serializer writes them back)
/// so a page survives a parse-and-serialize round trip byte for byte. They are decorative (aria-hidden), carry width and height, and
/// take their colours from the palette through classes, so a refined palette repaints them too.
/// </summary>
internal static class Art
{
    private static readonly Dictionary<string, string> IconShapes = new(StringComparer.Ordinal)
    {
        ["truck"] = "<rect x=\"1.5\" y=\"6\" width=\"12.5\" height=\"10\" rx=\"1\"></rect><path d=\"M14 10h4l3.5 3.5V16H14z\"></path><circle cx=\"6\" cy=\"18\" r=\"2\"></circle><circle cx=\"17.5\" cy=\"18\" r=\"2\"></circle>",
        ["return"] = "<path d=\"M4 12a8 8 0 0 1 14-5.3\"></path><path d=\"M18 2.5V7h-4.5\"></path><path d=\"M20 12a8 8 0 0 1-14 5.3\"></path><path d=\"M6 21.5V17h4.5\"></path>",
        ["shield"] = "<path d=\"M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z\"></path><path d=\"M9 12l2 2 4-4\"></path>",
        ["gift"] = "<rect x=\"3\" y=\"8\" width=\"18\" height=\"4\" rx=\"1\"></rect><path d=\"M5 12v9h14v-9M12 8v13\"></path><path d=\"M12 8C10 4 6 4 6 6.5S9 8 12 8zm0 0c2-4 6-4 6-1.5S15 8 12 8z\"></path>",
        ["bolt"] = "<path d=\"M13 2L4 14h7l-1 8 10-13h-7z\"></path>",
        ["chart"] = "<path d=\"M3 20h18M6 16v-4M11 16V6M16 16V9M21 16v-2\"></path>",
        ["users"] = "<circle cx=\"9\" cy=\"8\" r=\"3.5\"></circle><path d=\"M2.5 20c.8-3.6 3.4-5.5 6.5-5.5s5.7 1.9 6.5 5.5\"></path><circle cx=\"17\" cy=\"9\" r=\"2.5\"></circle><path d=\"M17.5 14.5c2.2.3 3.6 2 4 4.5\"></path>",
        ["link"] = "<path d=\"M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1\"></path><path d=\"M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1\"></path>",
        ["lock"] = "<rect x=\"5\" y=\"11\" width=\"14\" height=\"10\" rx=\"2\"></rect><path d=\"M8 11V8a4 4 0 0 1 8 0v3\"></path>",
        ["globe"] = "<circle cx=\"12\" cy=\"12\" r=\"9\"></circle><path d=\"M3 12h18M12 3c2.5 2.8 3.8 5.8 3.8 9s-1.3 6.2-3.8 9c-2.5-2.8-3.8-5.8-3.8-9S9.5 5.8 12 3z\"></path>",
        ["clock"] = "<circle cx=\"12\" cy=\"12\" r=\"9\"></circle><path d=\"M12 7v5l3.5 2\"></path>",
        ["calendar"] = "<rect x=\"3\" y=\"5\" width=\"18\" height=\"16\" rx=\"2\"></rect><path d=\"M3 10h18M8 3v4M16 3v4\"></path>",
        ["pin"] = "<path d=\"M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21z\"></path><circle cx=\"12\" cy=\"9.5\" r=\"2.5\"></circle>",
        ["heart"] = "<path d=\"M12 20s-7.5-4.6-9-9.3C2 7.3 4.3 4.5 7.4 4.5c2 0 3.6 1.1 4.6 2.7 1-1.6 2.6-2.7 4.6-2.7 3.1 0 5.4 2.8 4.4 6.2C19.5 15.4 12 20 12 20z\"></path>",
        ["leaf"] = "<path d=\"M5 19C5 10 11 5 20 5c0 9-5 15-14 15\"></path><path d=\"M5 19l8-8\"></path>",
        ["mail"] = "<rect x=\"3\" y=\"5\" width=\"18\" height=\"14\" rx=\"2\"></rect><path d=\"M3 7l9 6 9-6\"></path>",
        ["sparkle"] = "<path d=\"M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8z\"></path><path d=\"M19 15l.7 1.8 1.8.7-1.8.7L19 20l-.7-1.8-1.8-.7 1.8-.7z\"></path>",
        ["pen"] = "<path d=\"M4 20l4-1 11-11-3-3L5 16z\"></path><path d=\"M14 6l3 3\"></path>",
        ["book"] = "<path d=\"M4 19.5V5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2 2 2 0 0 0 2 2h13\"></path>",
        ["phone"] = "<rect x=\"7\" y=\"2\" width=\"10\" height=\"20\" rx=\"2.5\"></rect><path d=\"M11 18h2\"></path>",
        ["cup"] = "<path d=\"M4 8h13v5a6 6 0 0 1-6 6h-1a6 6 0 0 1-6-6z\"></path><path d=\"M17 10h1.5a2.5 2.5 0 0 1 0 5H17M8 3v2M12 3v2\"></path>",
        ["mic"] = "<rect x=\"9\" y=\"3\" width=\"6\" height=\"11\" rx=\"3\"></rect><path d=\"M5 11a7 7 0 0 0 14 0M12 18v3\"></path>",
        ["check"] = "<path d=\"M5 12.5l5 5L19 7\"></path>",
    };

    public static void Icon(StringBuilder html, string name, int size = 24)
    {
        html.Append("<svg viewBox=\"0 0 24 24\" width=\"").Append(size).Append("\" height=\"").Append(size)
            .Append("\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\" aria-hidden=\"true\" focusable=\"false\">")
            .Append(IconShapes.GetValueOrDefault(name, IconShapes["sparkle"]))
            .Append("</svg>");
    }

    /// <summary>The header's brand mark: the brand's initial on the primary colour.</summary>
    public static void BrandMark(StringBuilder html, string initial)
    {
        html.Append("<svg class=\"brand-mark\" viewBox=\"0 0 36 36\" width=\"36\" height=\"36\" aria-hidden=\"true\" focusable=\"false\">")
            .Append("<rect width=\"36\" height=\"36\" rx=\"10\" class=\"f-primary\"></rect>")
            .Append("<circle cx=\"29\" cy=\"7\" r=\"4\" class=\"f-secondary\"></circle>")
            .Append("<text x=\"18\" y=\"25\" text-anchor=\"middle\" font-size=\"19\" font-weight=\"800\" font-family=\"system-ui, sans-serif\" class=\"f-on-primary\">")
            .Append(Markup.Text(initial)).Append("</text></svg>");
    }

    /// <summary>A product picture: a simple object on a soft backdrop, varied by index.</summary>
    public static void Product(StringBuilder html, int index)
    {
        html.Append("<svg viewBox=\"0 0 400 300\" width=\"400\" height=\"300\" preserveAspectRatio=\"xMidYMid slice\" aria-hidden=\"true\" focusable=\"false\">")
            .Append("<rect width=\"400\" height=\"300\" class=\"f-tint\"></rect>")
            .Append("<circle cx=\"").Append(index % 2 == 0 ? 300 : 100).Append("\" cy=\"70\" r=\"120\" class=\"f-surface\" opacity=\".7\"></circle>")
            .Append("<ellipse cx=\"200\" cy=\"262\" rx=\"120\" ry=\"14\" class=\"f-text\" opacity=\".08\"></ellipse>");
        html.Append((index % 4) switch
        {
            0 => "<path d=\"M130 110h140l14 150H116z\" class=\"f-primary\"></path><path d=\"M165 110v-18a35 35 0 0 1 70 0v18\" fill=\"none\" stroke-width=\"12\" class=\"s-secondary\"></path><rect x=\"116\" y=\"220\" width=\"168\" height=\"40\" class=\"f-deep\"></rect>",
            1 => "<path d=\"M150 70l-62 36 22 44 28-14v124h124V136l28 14 22-44-62-36c-8 18-28 30-50 30s-42-12-50-30z\" class=\"f-primary\"></path><path d=\"M150 70c8 18 28 30 50 30s42-12 50-30\" fill=\"none\" stroke-width=\"8\" class=\"s-secondary\"></path>",
            2 => "<path d=\"M92 210c0-30 20-52 52-62l40-16c10 20 40 26 62 18l54 30c16 9 22 20 22 30z\" class=\"f-primary\"></path><rect x=\"92\" y=\"206\" width=\"230\" height=\"26\" rx=\"13\" class=\"f-bg\"></rect><path d=\"M150 160l16 22M172 150l16 22M194 140l16 22\" stroke-width=\"7\" stroke-linecap=\"round\" class=\"s-secondary\"></path>",
            _ => "<rect x=\"150\" y=\"96\" width=\"100\" height=\"164\" rx=\"30\" class=\"f-primary\"></rect><rect x=\"170\" y=\"62\" width=\"60\" height=\"40\" rx=\"10\" class=\"f-deep\"></rect><rect x=\"150\" y=\"150\" width=\"100\" height=\"46\" class=\"f-secondary\"></rect>",
        });
        html.Append("</svg>");
    }

    /// <summary>An abstract tile for galleries and portfolios, varied by index.</summary>
    public static void Tile(StringBuilder html, int index)
    {
        html.Append("<svg viewBox=\"0 0 400 300\" width=\"400\" height=\"300\" preserveAspectRatio=\"xMidYMid slice\" aria-hidden=\"true\" focusable=\"false\">");
        html.Append((index % 6) switch
        {
            0 => "<rect width=\"400\" height=\"300\" class=\"f-primary\"></rect><circle cx=\"300\" cy=\"80\" r=\"150\" class=\"f-deep\"></circle><circle cx=\"110\" cy=\"220\" r=\"70\" class=\"f-secondary\"></circle>",
            1 => "<rect width=\"400\" height=\"300\" class=\"f-tint\"></rect><rect x=\"60\" y=\"50\" width=\"170\" height=\"200\" rx=\"16\" class=\"f-primary\"></rect><rect x=\"190\" y=\"100\" width=\"150\" height=\"150\" rx=\"75\" class=\"f-secondary\"></rect>",
            2 => "<rect width=\"400\" height=\"300\" class=\"f-secondary\"></rect><path d=\"M0 300L160 90l90 120 50-60 100 150z\" class=\"f-primary\"></path><circle cx=\"310\" cy=\"70\" r=\"34\" class=\"f-bg\"></circle>",
            3 => "<rect width=\"400\" height=\"300\" class=\"f-deep\"></rect><circle cx=\"200\" cy=\"150\" r=\"110\" class=\"f-primary\"></circle><circle cx=\"200\" cy=\"150\" r=\"60\" class=\"f-tint\"></circle>",
            4 => "<rect width=\"400\" height=\"300\" class=\"f-surface\"></rect><rect x=\"40\" y=\"40\" width=\"140\" height=\"220\" rx=\"10\" class=\"f-primary\"></rect><rect x=\"200\" y=\"40\" width=\"160\" height=\"100\" rx=\"10\" class=\"f-secondary\"></rect><rect x=\"200\" y=\"160\" width=\"160\" height=\"100\" rx=\"10\" class=\"f-deep\"></rect>",
            _ => "<rect width=\"400\" height=\"300\" class=\"f-primary\"></rect><path d=\"M0 200c80-60 160 40 240-20s120-40 160-10v130H0z\" class=\"f-secondary\"></path><path d=\"M0 240c90-40 170 30 250-10s110-20 150 0v70H0z\" class=\"f-deep\"></path>",
        });
        html.Append("</svg>");
    }

    /// <summary>A plate seen from above for the restaurant hero.</summary>
    public static void Plate(StringBuilder html) =>
        html.Append("<svg class=\"art-svg\" viewBox=\"0 0 400 320\" width=\"400\" height=\"320\" aria-hidden=\"true\" focusable=\"false\">")
            .Append("<rect width=\"400\" height=\"320\" class=\"f-tint\"></rect>")
            .Append("<circle cx=\"200\" cy=\"160\" r=\"128\" class=\"f-border\"></circle><circle cx=\"200\" cy=\"160\" r=\"118\" class=\"f-bg\"></circle><circle cx=\"200\" cy=\"160\" r=\"84\" class=\"f-surface\"></circle>")
            .Append("<circle cx=\"180\" cy=\"145\" r=\"34\" class=\"f-primary\"></circle><circle cx=\"228\" cy=\"176\" r=\"26\" class=\"f-secondary\"></circle><circle cx=\"214\" cy=\"124\" r=\"14\" class=\"f-deep\"></circle>")
            .Append("<path d=\"M160 196c18-14 36-14 52 0\" fill=\"none\" stroke-width=\"8\" stroke-linecap=\"round\" class=\"s-accent\"></path>")
            .Append("<rect x=\"40\" y=\"60\" width=\"12\" height=\"200\" rx=\"6\" class=\"f-text\" opacity=\".25\"></rect><rect x=\"348\" y=\"60\" width=\"12\" height=\"200\" rx=\"6\" class=\"f-text\" opacity=\".25\"></rect>")
            .Append("</svg>");

    /// <summary>A small dashboard chart for product heroes.</summary>
    public static void Chart(StringBuilder html) =>
        html.Append("<svg class=\"art-svg\" viewBox=\"0 0 320 150\" width=\"320\" height=\"150\" aria-hidden=\"true\" focusable=\"false\">")
            .Append("<rect width=\"320\" height=\"150\" rx=\"12\" class=\"f-surface\"></rect>")
            .Append("<rect x=\"24\" y=\"86\" width=\"26\" height=\"44\" rx=\"5\" class=\"f-tint\"></rect><rect x=\"68\" y=\"70\" width=\"26\" height=\"60\" rx=\"5\" class=\"f-tint\"></rect>")
            .Append("<rect x=\"112\" y=\"78\" width=\"26\" height=\"52\" rx=\"5\" class=\"f-tint\"></rect><rect x=\"156\" y=\"56\" width=\"26\" height=\"74\" rx=\"5\" class=\"f-primary\"></rect>")
            .Append("<rect x=\"200\" y=\"44\" width=\"26\" height=\"86\" rx=\"5\" class=\"f-primary\"></rect><rect x=\"244\" y=\"26\" width=\"26\" height=\"104\" rx=\"5\" class=\"f-deep\"></rect>")
            .Append("<path d=\"M24 70L81 52l44 10 44-22 44-8 44-18\" fill=\"none\" stroke-width=\"4\" stroke-linecap=\"round\" stroke-linejoin=\"round\" class=\"s-secondary\"></path>")
            .Append("</svg>");

    /// <summary>Placeholder text lines (an email or app screen) for illustrations.</summary>
    public static void Lines(StringBuilder html, int count) 
    {
        html.Append("<svg class=\"art-svg\" viewBox=\"0 0 320 ").Append(count * 22).Append("\" width=\"320\" height=\"").Append(count * 22)
            .Append("\" aria-hidden=\"true\" focusable=\"false\">");
        for (var i = 0; i < count; i++)
        {
            var width = i % 3 == 2 ? 190 : i % 3 == 1 ? 270 : 300;
            html.Append("<rect x=\"0\" y=\"").Append(i * 22 + 4).Append("\" width=\"").Append(width).Append("\" height=\"10\" rx=\"5\" class=\"")
                .Append(i == 0 ? "f-primary" : "f-border").Append("\"></rect>");
        }

        html.Append("</svg>");
    }

    /// <summary>A barcode strip for the event ticket.</summary>
    public static void Barcode(StringBuilder html)
    {
        html.Append("<svg class=\"art-svg\" viewBox=\"0 0 240 40\" width=\"240\" height=\"40\" aria-hidden=\"true\" focusable=\"false\">");
        var x = 0;
        for (var i = 0; x < 236; i++)
        {
            var width = (i * 7 % 5) + 1;
            html.Append("<rect x=\"").Append(x).Append("\" y=\"0\" width=\"").Append(width).Append("\" height=\"40\" class=\"f-text\"></rect>");
            x += width + 2 + (i % 3);
        }

        html.Append("</svg>");
    }
}
