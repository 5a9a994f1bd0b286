namespace SiteBuilder.Validation.Tests;

/// <summary>Builds small, otherwise valid pages so a test changes only what it is about.</summary>
internal static class Pages
{
    public static string With(string body, string style = "", string head = "", string lang = "en") =>
        $"""
        <!DOCTYPE html>
        <html lang="{lang}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Test page</title>
        {head}
        <style>{style}</style>
        </head>
        <body><main>{body}</main></body>
        </html>
        """;

    /// <summary>A page whose banner <paramref name="header"/> stands before <c>main</c>, as page headers do.</summary>
    public static string WithHeader(string header, string body, string style = "") =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Test page</title><style>{style}</style></head>
        <body>{header}<main>{body}</main></body>
        </html>
        """;

    public static AuditResult Audit(this ValidationReport report, string id) => report.Audits.Single(a => a.Id == id);

    /// <summary>The contrast measurement whose (first) text is <paramref name="text"/>.</summary>
    public static ContrastMeasurement ContrastFor(this ValidationReport report, string text) =>
        report.Contrast.Single(c => c.Text == text);
}
