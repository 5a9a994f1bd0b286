using System.Globalization;
using System.Text;
using SiteBuilder.Generation.Templates;

namespace SiteBuilder.Generation.Providers;

/// <summary>
/// The prompts every cloud page model sends: one system prompt and one user message per request.
/// Shared by Bedrock and the OpenAI-compatible provider so both are asked for the same page.
/// </summary>
public static class PagePrompt
{
    /// <summary>Asks for exactly one self-contained, script-free, accessible HTML document and nothing else.</summary>
    public const string System = """
        You are the page generator of a landing-page builder. You write exactly one complete, self-contained HTML5 document.

        Output rules:
        - Reply with the HTML document only: start with <!DOCTYPE html> and end with </html>. No explanation before or after it, no Markdown, no code fences.
        - No scripts of any kind: no <script> elements, no on* event-handler attributes, no javascript: URLs.
        - No external requests: no external stylesheets, fonts, images, iframes, objects or imports. Put all CSS in one <style> element in the <head>. Name fonts in font-family stacks with generic fallbacks; do not load them. Use inline SVG or CSS for decoration. The only external URL you may reference is the brand logo URL when one is given.
        - Semantic and accessible: one <h1>, headings in order, <header>, <nav>, <main>, <section> and <footer> landmarks, alt text on every image, labels on every form control, visible focus styles, text contrast of at least 4.5:1 (WCAG AA), a lang attribute and a viewport meta tag. Responsive down to 360 px wide.
        - Honour the theme exactly: use its colours (as CSS custom properties) and its heading and body fonts.
        - Build the layout's sections in the order given, one <section> per entry (the footer as <footer>), each with its heading, serving its stated purpose.
        - Write real, specific marketing copy drawn from the brief. No lorem ipsum, no TODO notes.
        - Never invent people: quote only the testimonials the brief gives, word for word and attributed as it gives them, and name only the speakers or team members it names. Where it gives none, keep the section with cards plainly marked as placeholders for the marketer to replace ("Add a customer's words here", "Speaker to be announced"), never made-up names, reviews or star ratings.
        - Forms and buttons must not submit anywhere external: use href="#" anchors or forms without an action.

        When you are given an existing page and a change request, apply the change and return the full revised document under the same rules, keeping everything the request does not ask you to change.
        """;

    /// <summary>The user turn: the brief, brand, theme and ordered layout; for a refinement, the parent page and the instruction.</summary>
    public static string UserMessage(PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new StringBuilder();
        var isRefinement = request.ParentHtml is not null;

        if (isRefinement)
        {
            text.AppendLine("Revise the existing landing page below according to the change request. Return the complete revised HTML document.");
            text.AppendLine();
            text.AppendLine("<change_request>");
            text.AppendLine(request.Prompt.Trim());
            text.AppendLine("</change_request>");
        }
        else
        {
            text.AppendLine("Write the landing page described by this brief.");
            text.AppendLine();
            text.AppendLine("<brief>");
            text.AppendLine(request.Prompt.Trim());
            text.AppendLine("</brief>");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"<template id=\"{request.Template.Id}\">{request.Template.Name}: {request.Template.Description}</template>");

        AppendBrand(text, request.Brand);
        AppendTheme(text, request.Theme);
        AppendLayout(text, request.Layout);

        if (isRefinement)
        {
            text.AppendLine();
            text.AppendLine("<current_page>");
            text.AppendLine(request.ParentHtml);
            text.AppendLine("</current_page>");
        }

        return text.ToString();
    }

    private static void AppendBrand(StringBuilder text, BrandKit brand)
    {
        if (brand.BrandName is null && brand.PrimaryColor is null && brand.SecondaryColor is null && brand.LogoUrl is null)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("<brand>");
        AppendIfSet(text, "name", brand.BrandName);
        AppendIfSet(text, "primary colour", brand.PrimaryColor);
        AppendIfSet(text, "secondary colour", brand.SecondaryColor);
        AppendIfSet(text, "logo URL (use as the header logo's src)", brand.LogoUrl);
        text.AppendLine("</brand>");
    }

    private static void AppendTheme(StringBuilder text, Theme theme)
    {
        text.AppendLine();
        text.AppendLine("<theme>");
        text.AppendLine(CultureInfo.InvariantCulture, $"primary: {theme.Primary}");
        text.AppendLine(CultureInfo.InvariantCulture, $"secondary: {theme.Secondary}");
        text.AppendLine(CultureInfo.InvariantCulture, $"accent: {theme.Accent}");
        text.AppendLine(CultureInfo.InvariantCulture, $"background: {theme.Background}");
        text.AppendLine(CultureInfo.InvariantCulture, $"surface: {theme.Surface}");
        text.AppendLine(CultureInfo.InvariantCulture, $"text: {theme.Text}");
        text.AppendLine(CultureInfo.InvariantCulture, $"muted text: {theme.MutedText}");
        text.AppendLine(CultureInfo.InvariantCulture, $"text on primary: {theme.OnPrimary}");
        text.AppendLine(CultureInfo.InvariantCulture, $"heading font: {theme.HeadingFont}");
        text.AppendLine(CultureInfo.InvariantCulture, $"body font: {theme.BodyFont}");
        text.AppendLine(CultureInfo.InvariantCulture, $"tone: {theme.Tone}");
        text.AppendLine("</theme>");
    }

    private static void AppendLayout(StringBuilder text, PageLayout layout)
    {
        text.AppendLine();
        text.AppendLine("<layout>");
        for (var i = 0; i < layout.Sections.Count; i++)
        {
            var section = layout.Sections[i];
            text.AppendLine(CultureInfo.InvariantCulture, $"{i + 1}. {section.Kind} — heading \"{section.Heading}\" — {section.Purpose}");
        }

        text.AppendLine("</layout>");
    }

    private static void AppendIfSet(StringBuilder text, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{label}: {value}");
        }
    }
}
