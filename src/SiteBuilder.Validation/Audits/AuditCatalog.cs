namespace SiteBuilder.Validation.Audits;

/// <summary>Every audit, in report order.</summary>
internal static class AuditCatalog
{
    // Brand
    public static readonly AuditDefinition BrandPalette = new("brand-palette", "Colours stay within the brand palette", AuditCategories.Brand, Impacts.Moderate,
        "Replace off-brand colours with the nearest brand colour, or a tint or shade of it; greys, white and black are always fine.");

    public static readonly AuditDefinition BrandPrimaryColor = new("brand-primary-color", "The primary colour marks the calls to action and the header", AuditCategories.Brand, Impacts.Serious,
        "Use the brand's primary colour for the main call-to-action button (background, text or border) and in the page header.");

    public static readonly AuditDefinition BrandLogo = new("brand-logo", "The brand's logo is shown, with alt text", AuditCategories.Brand, Impacts.Serious,
        "Show the brand's logo in the header as <img src=\"…\" alt=\"Brand name\"> (or an <svg> with a <title> or aria-label).");

    public static readonly AuditDefinition BrandFonts = new("brand-fonts", "Font families are few and on brand", AuditCategories.Brand, Impacts.Moderate,
        "Use at most three font families, taken from the brand's fonts, with generic fallbacks (sans-serif, serif).");

    // Accessibility (axe-core rule ids)
    public static readonly AuditDefinition ColorContrast = new("color-contrast", "Text has enough contrast (WCAG 2.2 AA 1.4.3)", AuditCategories.Accessibility, Impacts.Serious,
        "Darken the text or lighten the background until the ratio reaches 4.5:1 (3:1 for text of 24 px, or 18.66 px bold, and larger).");

    public static readonly AuditDefinition HtmlHasLang = new("html-has-lang", "The <html> element has a lang attribute", AuditCategories.Accessibility, Impacts.Serious,
        "Add the page's language: <html lang=\"en\">.");

    public static readonly AuditDefinition DocumentTitle = new("document-title", "The page has a <title>", AuditCategories.Accessibility, Impacts.Serious,
        "Add a short, descriptive <title> in <head>.");

    public static readonly AuditDefinition MetaViewport = new("meta-viewport", "Zooming is not blocked", AuditCategories.Accessibility, Impacts.Critical,
        "Remove user-scalable=no and any maximum-scale below 2 from <meta name=\"viewport\">.");

    public static readonly AuditDefinition ImageAlt = new("image-alt", "Images have alternative text", AuditCategories.Accessibility, Impacts.Critical,
        "Give every <img> an alt attribute: a short description, or alt=\"\" for a purely decorative image.");

    public static readonly AuditDefinition LinkName = new("link-name", "Links have discernible text", AuditCategories.Accessibility, Impacts.Serious,
        "Give every link visible text, or an aria-label when it only holds an icon.");

    public static readonly AuditDefinition ButtonName = new("button-name", "Buttons have discernible text", AuditCategories.Accessibility, Impacts.Critical,
        "Give every button visible text, a value (for <input>), or an aria-label when it only holds an icon.");

    public static readonly AuditDefinition Label = new("label", "Form fields have labels", AuditCategories.Accessibility, Impacts.Critical,
        "Label every form field: <label for=\"id\">, a wrapping <label>, or aria-label.");

    public static readonly AuditDefinition HeadingOrder = new("heading-order", "Heading levels only increase by one", AuditCategories.Accessibility, Impacts.Moderate,
        "Do not skip heading levels: an <h2> section's subheadings are <h3>, not <h4>.");

    public static readonly AuditDefinition LandmarkOneMain = new("landmark-one-main", "The page has a main landmark", AuditCategories.Accessibility, Impacts.Moderate,
        "Wrap the page's primary content in <main>.");

    public static readonly AuditDefinition DuplicateId = new("duplicate-id", "id attributes are unique", AuditCategories.Accessibility, Impacts.Minor,
        "Give each element a unique id; labels and aria references point at the first one only.");

    public static readonly AuditDefinition TargetSize = new("target-size", "Touch targets are at least 24 × 24 px (WCAG 2.2 AA 2.5.8)", AuditCategories.Accessibility, Impacts.Serious,
        "Make buttons and links at least 24 × 24 CSS px (padding counts), or space them apart.");

    // Security
    public static readonly AuditDefinition NoScript = new("no-script", "The page has no scripts", AuditCategories.Security, Impacts.Critical,
        "Remove <script> elements: generated pages are served with a Content-Security-Policy that blocks scripts.");

    public static readonly AuditDefinition NoInlineEventHandlers = new("no-inline-event-handlers", "No on* event-handler attributes", AuditCategories.Security, Impacts.Critical,
        "Remove onclick, onload, onerror and every other on* attribute.");

    public static readonly AuditDefinition NoScriptUrls = new("no-script-urls", "No javascript:, vbscript: or data:text/html URLs", AuditCategories.Security, Impacts.Critical,
        "Use http(s) or relative URLs; remove javascript:, vbscript: and data:text/html URLs and CSS expression().");

    public static readonly AuditDefinition NoEmbeddedContent = new("no-embedded-content", "No iframes, frames, objects or embeds", AuditCategories.Security, Impacts.Serious,
        "Remove <iframe>, <frame>, <object> and <embed>; link to the content instead.");

    public static readonly AuditDefinition NoBaseElement = new("no-base-element", "No <base> element", AuditCategories.Security, Impacts.Serious,
        "Remove <base>: it redirects every relative URL of the page.");

    public static readonly AuditDefinition MetaRefresh = new("meta-refresh", "No meta refresh or redirect", AuditCategories.Security, Impacts.Serious,
        "Remove <meta http-equiv=\"refresh\">; redirect on the server if you must.");

    public static readonly AuditDefinition FormAction = new("form-action-secure", "Forms post to this site over HTTPS", AuditCategories.Security, Impacts.Serious,
        "Point form actions at a relative https URL of this site.");

    public static readonly AuditDefinition ExternalLinksNoopener = new("external-links-noopener", "target=_blank links use rel=noopener", AuditCategories.Security, Impacts.Moderate,
        "Add rel=\"noopener noreferrer\" to links that open a new tab.");

    public static readonly AuditDefinition MixedContent = new("mixed-content", "Subresources load over HTTPS", AuditCategories.Security, Impacts.Serious,
        "Load images, styles, fonts and frames over https:// (or relatively).");

    public static readonly AuditDefinition NoRemoteCssImport = new("no-remote-css-import", "No @import of remote stylesheets", AuditCategories.Security, Impacts.Moderate,
        "Inline the CSS, or reference same-origin stylesheets; remote CSS can restyle and read the page.");

    // Performance (Lighthouse ids where one matches)
    public static readonly AuditDefinition TotalByteWeight = new("total-byte-weight", "The page weighs under 1,600 KiB", AuditCategories.Performance, Impacts.Serious,
        "Compress and resize images, lazy-load those below the fold, and trim inline data.");

    public static readonly AuditDefinition RequestCount = new("request-count", "The page makes at most 50 requests", AuditCategories.Performance, Impacts.Moderate,
        "Combine or drop resources; lazy-load images below the fold.");

    public static readonly AuditDefinition UnsizedImages = new("unsized-images", "Images have explicit width and height", AuditCategories.Performance, Impacts.Moderate,
        "Set width and height attributes (or CSS width, height or aspect-ratio) on every image to prevent layout shifts.");

    public static readonly AuditDefinition RenderBlockingResources = new("render-blocking-resources", "No render-blocking resources", AuditCategories.Performance, Impacts.Serious,
        "Inline critical CSS, load other stylesheets with media or preload, and give scripts defer or async.");

    public static readonly AuditDefinition InlineImageWeight = new("inline-image-weight", "Inline (data:) images are small", AuditCategories.Performance, Impacts.Moderate,
        "Serve images over 8 KiB as files instead of data: URLs; they cannot be cached or lazy-loaded inline.");

    public static readonly AuditDefinition DomSize = new("dom-size", "The page has at most 1,400 elements", AuditCategories.Performance, Impacts.Minor,
        "Simplify the markup: remove wrappers and repeated sections.");

    // Matches the brief (only with the prompt the page was written from)
    public static readonly AuditDefinition BriefName = new("brief-name", "The page names what the brief is about, and says what it is", AuditCategories.Brief, Impacts.Serious,
        "Name the product or organisation in the headline, and say what it is (\"Brewly, the smart coffee grinder\").");

    public static readonly AuditDefinition BriefFacts = new("brief-facts", "The page shows the brief's facts", AuditCategories.Brief, Impacts.Serious,
        "Put every price, date, time, place, number and named feature of the brief on the page: prices in the offer or pricing, dates and places in the hero.");

    public static readonly AuditDefinition BriefContradictions = new("brief-contradictions", "No price or date differs from the brief", AuditCategories.Brief, Impacts.Critical,
        "Use the brief's own prices and dates; a page that states another price or date misleads the visitor.");

    public static readonly AuditDefinition BriefQuotes = new("brief-quotes", "Quotes and testimonials come from the brief", AuditCategories.Brief, Impacts.Moderate,
        "Quote only people the brief names, in the words it gives them, with their permission; replace placeholder quotes with real ones, or remove the section.");

    public static IReadOnlyList<AuditDefinition> All { get; } =
    [
        BrandPalette, BrandPrimaryColor, BrandLogo, BrandFonts,
        ColorContrast, HtmlHasLang, DocumentTitle, MetaViewport, ImageAlt, LinkName, ButtonName, Label, HeadingOrder, LandmarkOneMain, DuplicateId, TargetSize,
        NoScript, NoInlineEventHandlers, NoScriptUrls, NoEmbeddedContent, NoBaseElement, MetaRefresh, FormAction, ExternalLinksNoopener, MixedContent, NoRemoteCssImport,
        TotalByteWeight, RequestCount, UnsizedImages, RenderBlockingResources, InlineImageWeight, DomSize,
        BriefName, BriefFacts, BriefContradictions, BriefQuotes,
    ];
}
