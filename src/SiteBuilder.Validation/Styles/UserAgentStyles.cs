namespace SiteBuilder.Validation.Styles;

/// <summary>
/// The slice of Chromium's user-agent stylesheet that changes what the audits see: hidden elements, heading sizes
/// and weights, link and form-control colours. Form controls do not inherit the page's font or colour unless the
/// page says so, exactly as in a browser. The content of a closed <c>&lt;details&gt;</c> is hidden by
/// <see cref="Cascade"/> itself, as Chromium hides its slot.
/// </summary>
internal static class UserAgentStyles
{
    private const string Css = """
        head, script, style, template, title, meta, link, base, datalist, param, area, noembed, noframes, [hidden] { display: none }
        input[type="hidden" i] { display: none }
        dialog:not([open]) { display: none }
        h1 { font-size: 2em; font-weight: bold }
        h2 { font-size: 1.5em; font-weight: bold }
        h3 { font-size: 1.17em; font-weight: bold }
        h4 { font-size: 1em; font-weight: bold }
        h5 { font-size: 0.83em; font-weight: bold }
        h6 { font-size: 0.67em; font-weight: bold }
        b, strong, th, optgroup { font-weight: bolder }
        small, sub, sup { font-size: smaller }
        big { font-size: larger }
        a[href], area[href] { color: #0000EE }
        mark { background-color: yellow; color: black }
        code, kbd, samp, pre, tt { font-family: monospace }
        input, textarea, select, button { font-size: 13.3333px; font-weight: 400; font-family: system-ui; color: black }
        button, select, input[type="button" i], input[type="submit" i], input[type="reset" i], input[type="color" i] { background-color: #EFEFEF }
        input, textarea { background-color: white }
        input[type="button" i], input[type="submit" i], input[type="reset" i], input[type="image" i], input[type="file" i], input[type="checkbox" i], input[type="radio" i], input[type="range" i], input[type="color" i] { background-color: #EFEFEF }
        input[type="checkbox" i], input[type="radio" i] { background-color: transparent }
        """;

    private static readonly Lazy<UserAgentSheet> Instance = new(Build);

    public static UserAgentSheet Sheet => Instance.Value;

    private static UserAgentSheet Build()
    {
        var sheet = new StyleSheet();
        StyleSheetParser.Parse(Css, sheet, sourceElement: -1, active: true);
        return new UserAgentSheet(sheet, SelectorIndex.Build(sheet.Rules, firstSlot: 0));
    }
}

internal sealed record UserAgentSheet(StyleSheet Sheet, SelectorIndex Index);
