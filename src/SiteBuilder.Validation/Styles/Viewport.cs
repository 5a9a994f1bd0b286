namespace SiteBuilder.Validation.Styles;

/// <summary>
/// The device the page is judged on: a mid-range phone, as Lighthouse's mobile emulation (412 × 823 CSS px,
/// light colour scheme, touch). Media queries, <c>vw</c>/<c>vh</c> units and the performance model use it.
/// </summary>
internal static class Viewport
{
    public const double Width = 412;
    public const double Height = 823;
    public const double DevicePixelRatio = 1.75;
    public const double RootFontSize = 16;
}
