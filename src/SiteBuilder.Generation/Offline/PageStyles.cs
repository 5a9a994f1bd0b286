using System.Text;
using SiteBuilder.Generation.Templates;
using Tones = SiteBuilder.Generation.Theming.ThemeSelector.Tones;

namespace SiteBuilder.Generation.Offline;

/// <summary>
/// The page's one stylesheet: the palette and tone as custom properties, then a fixed set of rules that
/// read only those properties. Text colours appear only in the combinations <see cref="PagePalette.TextPairs"/> lists.
/// </summary>
internal static class PageStyles
{
    public static void Write(StringBuilder html, PagePalette palette, Theme theme)
    {
        html.Append(":root{");
        foreach (var (name, value) in palette.CssVariables)
        {
            html.Append(name).Append(':').Append(value.ToHex()).Append(';');
        }

        var (radius, buttonRadius, weight, tracking, buttonCase, buttonTracking) = theme.Tone switch
        {
            Tones.Playful => ("22px", "999px", "800", "-0.01em", "none", "0"),
            Tones.Calm => ("16px", "999px", "600", "-0.01em", "none", "0"),
            Tones.Bold => ("8px", "6px", "800", "-0.03em", "uppercase", "0.04em"),
            Tones.Elegant => ("4px", "2px", "500", "0", "uppercase", "0.12em"),
            _ => ("12px", "10px", "700", "-0.02em", "none", "0"),
        };
        html.Append("--font-heading:").Append(CssFont(theme.HeadingFont)).Append(';')
            .Append("--font-body:").Append(CssFont(theme.BodyFont)).Append(';')
            .Append("--radius:").Append(radius).Append(";--button-radius:").Append(buttonRadius)
            .Append(";--heading-weight:").Append(weight).Append(";--tracking:").Append(tracking)
            .Append(";--button-case:").Append(buttonCase).Append(";--button-tracking:").Append(buttonTracking)
            .Append(";--shadow:0 1px 2px rgb(15 23 42 / 6%),0 8px 24px rgb(15 23 42 / ")
            .Append(palette.IsDarkPage ? "40%" : "8%").Append(");color-scheme:").Append(palette.IsDarkPage ? "dark" : "light").Append('}');
        html.Append(Rules);
    }

    /// <summary>Font stacks come from the theme, which a caller may have built: keep only characters a stack needs.</summary>
    private static string CssFont(string stack)
    {
        var clean = new StringBuilder(stack.Length);
        foreach (var c in stack)
        {
            if (char.IsLetterOrDigit(c) || c is ' ' or ',' or '-' or '"' or '\'' or '.')
            {
                clean.Append(c);
            }
        }

        return clean.Length == 0 ? "system-ui, sans-serif" : clean.ToString();
    }

    private const string Rules =
        "*,*::before,*::after{box-sizing:border-box}" +
        "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}" +
        "@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}" +
        "body{margin:0;font-family:var(--font-body);font-size:1.0625rem;line-height:1.65;color:var(--text);background:var(--bg);-webkit-font-smoothing:antialiased}" +
        "img,svg{display:block;max-width:100%;height:auto}" +
        "h1,h2,h3{font-family:var(--font-heading);font-weight:var(--heading-weight);letter-spacing:var(--tracking);line-height:1.1;margin:0 0 .5em;text-wrap:balance}" +
        "h1{font-size:clamp(2.4rem,1.55rem + 3.8vw,4.5rem)}" +
        "h2{font-size:clamp(1.85rem,1.4rem + 1.9vw,2.85rem)}" +
        "h3{font-size:1.2rem;line-height:1.3;margin-bottom:.4em}" +
        "p{margin:0 0 1rem}" +
        "a{color:var(--accent);text-underline-offset:.2em}" +
        ":focus-visible{outline:3px solid currentColor;outline-offset:3px}" +
        ".container{width:min(72rem,100% - 2.5rem);margin-inline:auto}" +
        ".sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}" +
        ".skip-link{position:absolute;left:1rem;top:-5rem;z-index:100;padding:.75rem 1rem;background:var(--text);color:var(--bg);border-radius:8px;font-weight:700}" +
        ".skip-link:focus{top:1rem}" +
        ".site-header{position:sticky;top:0;z-index:50;background:var(--bg);border-bottom:1px solid var(--border)}" +
        ".bar{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1.5rem;min-height:4.5rem;padding-block:.5rem}" +
        ".brand{display:inline-flex;align-items:center;gap:.65rem;min-height:44px;color:var(--text);font-family:var(--font-heading);font-weight:800;font-size:1.2rem;letter-spacing:var(--tracking);text-decoration:none;margin-right:auto}" +
        ".brand-mark{flex:none;width:36px;height:36px;border-radius:10px}" +
        ".site-nav ul{display:flex;gap:.25rem;margin:0;padding:0;list-style:none}" +
        ".site-nav a{display:inline-flex;align-items:center;min-height:44px;padding:0 .85rem;border-radius:8px;color:var(--text);font-weight:600;font-size:.95rem;text-decoration:none;white-space:nowrap}" +
        ".site-nav a:hover{background:var(--surface)}" +
        ".btn{display:inline-flex;align-items:center;justify-content:center;gap:.5rem;min-height:48px;padding:.7rem 1.45rem;border:2px solid transparent;border-radius:var(--button-radius);font:inherit;font-weight:700;line-height:1.2;text-transform:var(--button-case);letter-spacing:var(--button-tracking);text-decoration:none;cursor:pointer;transition:background-color .15s ease,transform .15s ease,box-shadow .15s ease}" +
        ".btn:hover{transform:translateY(-1px)}" +
        ".btn-primary{background:var(--primary);color:var(--on-primary)}" +
        ".btn-primary:hover{background:var(--primary-hover)}" +
        ".btn-outline{background:transparent;color:var(--text);border-color:currentColor}" +
        ".btn-outline:hover{box-shadow:inset 0 0 0 1px currentColor}" +
        ".btn-small{min-height:44px;padding:.5rem 1.1rem;font-size:.95rem}" +
        ".btn-block{width:100%}" +
        ".hero{position:relative;overflow:hidden;padding-block:clamp(3.5rem,8vw,7rem);background:linear-gradient(135deg,var(--hero-from) 0%,var(--hero-to) 100%);color:var(--hero-text)}" +
        ".hero-grid{display:grid;gap:clamp(2.5rem,6vw,4.5rem);align-items:center}" +
        ".hero h1{max-width:16ch}" +
        ".hero .lead{max-width:36rem;color:var(--hero-muted);font-size:clamp(1.1rem,1rem + .45vw,1.35rem)}" +
        ".hero-chip{display:inline-flex;align-items:center;gap:.5rem;margin-bottom:1.25rem;padding:.4rem .9rem;border-radius:999px;background:var(--secondary);color:var(--on-secondary);font-size:.85rem;font-weight:800;letter-spacing:.04em;text-transform:uppercase}" +
        ".hero-actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:2rem}" +
        ".hero .btn-primary{background:var(--hero-button);color:var(--hero-button-text)}" +
        ".hero .btn-outline{color:var(--hero-text)}" +
        ".hero-note{display:flex;flex-wrap:wrap;gap:.4rem 1.25rem;margin:1.5rem 0 0;padding:0;list-style:none;color:var(--hero-muted);font-size:.95rem}" +
        ".hero-note li::before{content:\"\\2713\";margin-right:.4rem;font-weight:800}" +
        ".hero-art{position:relative;width:100%;max-width:30rem;justify-self:center}" +
        ".art-card{position:relative;background:var(--bg);color:var(--text);border-radius:calc(var(--radius) + 6px);box-shadow:0 30px 60px -20px rgb(0 0 0 / 45%);padding:1.5rem}" +
        ".art-card p{margin:0}" +
        ".art-muted{color:var(--muted);font-size:.9rem}" +
        ".art-big{font-family:var(--font-heading);font-weight:800;font-size:clamp(3.5rem,2.5rem + 5vw,6rem);line-height:.95;letter-spacing:-.04em;color:var(--accent)}" +
        ".art-strong{font-family:var(--font-heading);font-weight:800;font-size:1.35rem;line-height:1.2}" +
        ".art-row{display:flex;align-items:center;justify-content:space-between;gap:1rem}" +
        ".art-stack{display:grid;gap:1rem}" +
        ".art-float{position:absolute;right:-1rem;bottom:-1.5rem;max-width:15rem;padding:1rem 1.25rem;transform:rotate(2deg)}" +
        ".art-svg{width:100%;height:auto;border-radius:var(--radius)}" +
        ".art-bar{height:.6rem;border-radius:999px;background:var(--tint);overflow:hidden}" +
        ".art-bar span{display:block;height:100%;width:64%;border-radius:inherit;background:var(--primary)}" +
        ".ticket{border:2px dashed var(--border)}" +
        ".section{padding-block:clamp(3.5rem,7vw,6rem);--card:var(--surface)}" +
        ".section-alt{background:var(--surface);--card:var(--bg)}" +
        ".section-head{max-width:44rem;margin:0 auto clamp(2rem,4vw,3rem);text-align:center}" +
        ".eyebrow{margin:0 0 .6rem;color:var(--accent);font-size:.8rem;font-weight:800;letter-spacing:.14em;text-transform:uppercase}" +
        ".section-lead{color:var(--muted);font-size:1.1rem}" +
        ".muted{color:var(--muted)}" +
        ".grid{display:grid;gap:clamp(1rem,2.5vw,1.75rem);grid-template-columns:repeat(auto-fit,minmax(min(100%,15.5rem),1fr))}" +
        ".grid-wide{grid-template-columns:repeat(auto-fit,minmax(min(100%,19rem),1fr))}" +
        ".grid-few{grid-template-columns:repeat(auto-fit,minmax(min(100%,15.5rem),21rem));justify-content:center}" +
        ".card{position:relative;display:flex;flex-direction:column;gap:.35rem;padding:1.6rem;background:var(--card);border:1px solid var(--border);border-radius:var(--radius);box-shadow:var(--shadow)}" +
        ".card p{margin:0}" +
        ".card h3{margin:0}" +
        ".icon{display:grid;place-items:center;width:48px;height:48px;margin-bottom:.75rem;border-radius:14px;background:var(--tint);color:var(--accent)}" +
        ".icon svg{width:24px;height:24px}" +
        ".product{padding:0;overflow:hidden}" +
        ".product-art{position:relative;aspect-ratio:4/3;background:var(--tint)}" +
        ".product-art svg{width:100%;height:100%}" +
        ".product-body{display:flex;flex-direction:column;gap:.5rem;padding:1.25rem 1.35rem 1.4rem;flex:1}" +
        ".badge{display:inline-flex;align-items:center;width:fit-content;padding:.25rem .65rem;border-radius:999px;background:var(--secondary);color:var(--on-secondary);font-size:.78rem;font-weight:800;letter-spacing:.04em;text-transform:uppercase}" +
        ".badge-corner{position:absolute;top:.85rem;left:.85rem}" +
        ".badge-primary{background:var(--primary);color:var(--on-primary)}" +
        ".price{display:flex;align-items:baseline;gap:.6rem;margin:0}" +
        ".price-now{font-size:1.35rem;font-weight:800}" +
        ".price-was{color:var(--muted)}" +
        ".product .btn{margin-top:auto}" +
        ".steps{counter-reset:step;list-style:none;margin:0;padding:0}" +
        ".step-number{display:grid;place-items:center;width:44px;height:44px;margin-bottom:.75rem;border-radius:999px;background:var(--primary);color:var(--on-primary);font-weight:800}" +
        ".stats{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,12rem),1fr));margin:0}" +
        ".stat{display:flex;flex-direction:column-reverse;padding:1.5rem;background:var(--card);border:1px solid var(--border);border-radius:var(--radius);text-align:center}" +
        ".stat dt{color:var(--muted);font-weight:600}" +
        ".stat dd{margin:0;color:var(--accent);font-family:var(--font-heading);font-weight:800;font-size:clamp(2.1rem,1.6rem + 2vw,3rem);line-height:1.1;letter-spacing:-.02em}" +
        ".pricing-card.featured{border:2px solid var(--primary);box-shadow:0 24px 48px -24px rgb(0 0 0 / 35%)}" +
        ".pricing-card .badge{position:absolute;top:-.9rem;left:50%;transform:translateX(-50%)}" +
        ".amount{margin:.5rem 0 .25rem;font-family:var(--font-heading);font-weight:800;font-size:2.6rem;line-height:1}" +
        ".amount span{font-family:var(--font-body);font-size:1rem;font-weight:600;color:var(--muted)}" +
        ".checklist{display:grid;gap:.55rem;margin:1rem 0 1.5rem;padding:0;list-style:none}" +
        ".checklist li{display:flex;gap:.6rem;align-items:flex-start}" +
        ".checklist svg{flex:none;width:20px;height:20px;margin-top:.2rem;color:var(--accent)}" +
        ".pricing-card .btn{margin-top:auto}" +
        ".quote{margin:0}" +
        ".quote blockquote{margin:0 0 1.25rem;font-size:1.08rem}" +
        ".quote figcaption,.quote .quote-by{display:flex;align-items:center;gap:.8rem;margin-top:auto}" +
        ".placeholder{background:transparent;border:2px dashed var(--muted);box-shadow:none;color:var(--muted)}" +
        ".quote .placeholder-words{margin:0 0 1.25rem;font-size:1.08rem;font-style:italic}" +
        ".avatar{display:grid;place-items:center;flex:none;width:44px;height:44px;border-radius:999px;background:var(--primary);color:var(--on-primary);font-weight:800}" +
        ".avatar-alt{background:var(--secondary);color:var(--on-secondary)}" +
        ".avatar-large{width:72px;height:72px;font-size:1.4rem;margin-bottom:.75rem}" +
        ".avatar.avatar-placeholder{background:transparent;border:2px dashed var(--muted)}" +
        ".person-name{font-weight:700}" +
        ".faq-list{display:grid;gap:.75rem;max-width:48rem;margin-inline:auto}" +
        ".faq-item{background:var(--card);border:1px solid var(--border);border-radius:var(--radius)}" +
        ".faq-item summary{display:flex;align-items:center;justify-content:space-between;gap:1rem;min-height:56px;padding:1rem 1.25rem;font-weight:700;cursor:pointer;list-style:none}" +
        ".faq-item summary::-webkit-details-marker{display:none}" +
        ".faq-item summary::after{content:\"+\";flex:none;font-size:1.5rem;line-height:1;color:var(--accent)}" +
        ".faq-item[open] summary::after{content:\"\\2212\"}" +
        ".faq-item p{margin:0;padding:0 1.25rem 1.25rem;color:var(--muted)}" +
        ".cta-band{display:grid;gap:1.5rem;align-items:center;padding:clamp(2rem,5vw,4rem);border-radius:calc(var(--radius) + 8px);background:linear-gradient(135deg,var(--primary),var(--primary-deep));color:var(--on-primary)}" +
        ".cta-band h2{margin:0}" +
        ".cta-band p{margin:.5rem 0 0;max-width:38rem}" +
        ".cta-band .btn-primary{background:var(--inverse-button);color:var(--inverse-button-text)}" +
        ".cta-band .btn-outline{color:var(--on-primary)}" +
        ".cta-actions{display:flex;flex-wrap:wrap;gap:.75rem}" +
        ".signup-card{max-width:44rem;margin-inline:auto;padding:clamp(1.75rem,4vw,3rem);text-align:center}" +
        ".signup-form{display:flex;flex-wrap:wrap;gap:.75rem;justify-content:center;align-items:flex-end;margin-top:1.25rem;text-align:left}" +
        ".field{display:flex;flex-direction:column;gap:.35rem;flex:1 1 16rem}" +
        ".field label{font-weight:700;font-size:.95rem}" +
        ".field input{min-height:48px;padding:.7rem .95rem;border:2px solid var(--muted);border-radius:calc(var(--button-radius) / 2 + 4px);background:var(--bg);color:var(--text);font:inherit}" +
        ".field input::placeholder{color:var(--muted);opacity:1}" +
        ".fine-print{margin:1rem 0 0;color:var(--muted);font-size:.9rem}" +
        ".schedule{display:grid;gap:.75rem;max-width:52rem;margin:0 auto;padding:0;list-style:none}" +
        ".slot{display:grid;gap:.25rem 1.5rem;padding:1.25rem 1.5rem;background:var(--card);border:1px solid var(--border);border-radius:var(--radius)}" +
        ".slot time{color:var(--accent);font-weight:800;font-variant-numeric:tabular-nums}" +
        ".slot h3{margin:0}" +
        ".menu-grid{display:grid;gap:clamp(1.5rem,4vw,3rem);grid-template-columns:repeat(auto-fit,minmax(min(100%,17rem),1fr))}" +
        ".menu-course h3{padding-bottom:.6rem;border-bottom:2px solid var(--primary)}" +
        ".dishes{display:grid;gap:1.1rem;margin:1rem 0 0;padding:0;list-style:none}" +
        ".dish-line{display:flex;align-items:baseline;gap:.5rem;font-weight:700}" +
        ".dish-line::after{content:\"\";order:1;flex:1;border-bottom:2px dotted var(--border)}" +
        ".dish-price{order:2;color:var(--accent)}" +
        ".dish p{margin:.2rem 0 0;color:var(--muted);font-size:.95rem}" +
        ".gallery{display:grid;gap:1.25rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,18rem),1fr))}" +
        ".art-tiles{display:grid;gap:.75rem;grid-template-columns:1fr 1fr}" +
        ".art-tiles svg{width:100%;height:auto;border-radius:calc(var(--radius) / 2)}" +
        ".art-money{font-size:clamp(2.5rem,2rem + 2.5vw,3.75rem)}" +
        ".tile{margin:0}" +
        ".tile svg{width:100%;height:auto;aspect-ratio:4/3;border-radius:var(--radius)}" +
        ".tile figcaption{margin-top:.6rem;font-weight:700}" +
        ".tile figcaption span{display:block;color:var(--muted);font-weight:400;font-size:.92rem}" +
        ".contact-grid{display:grid;gap:1.5rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,18rem),1fr))}" +
        ".hours{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1.5rem;margin:0}" +
        ".hours dt{font-weight:700}" +
        ".hours dd{margin:0;color:var(--muted)}" +
        "address{font-style:normal}" +
        ".site-footer{padding-block:3.5rem 2rem;background:var(--footer);color:var(--footer-text)}" +
        ".footer-grid{display:grid;gap:2rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,14rem),1fr));align-items:start}" +
        ".footer-brand{margin:0 0 .5rem;font-family:var(--font-heading);font-weight:800;font-size:1.25rem}" +
        ".footer-tagline{margin:0;color:var(--footer-muted);max-width:24rem}" +
        ".footer-nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:0;padding:0;list-style:none}" +
        ".footer-nav a{display:inline-flex;align-items:center;min-height:44px;color:var(--footer-text);font-weight:600;text-decoration:none}" +
        ".footer-nav a:hover{text-decoration:underline}" +
        ".legal{margin:2.5rem 0 0;padding-top:1.5rem;border-top:1px solid var(--footer-muted);color:var(--footer-muted);font-size:.9rem}" +
        ".f-primary{fill:var(--primary)}.f-deep{fill:var(--primary-deep)}.f-secondary{fill:var(--secondary)}.f-tint{fill:var(--tint)}.f-bg{fill:var(--bg)}.f-surface{fill:var(--surface)}.f-accent{fill:var(--accent)}.f-border{fill:var(--border)}.f-text{fill:var(--text)}.f-on-primary{fill:var(--on-primary)}" +
        ".s-primary{stroke:var(--primary)}.s-secondary{stroke:var(--secondary)}.s-accent{stroke:var(--accent)}.s-bg{stroke:var(--bg)}" +
        "@media (min-width:56rem){.hero-grid{grid-template-columns:1.1fr .9fr}.cta-band{grid-template-columns:1fr auto}.slot{grid-template-columns:9rem 1fr}.slot p{grid-column:2}}" +
        "@media (max-width:30rem){.header-cta{display:none}.bar{gap:0 .75rem}}" +
        "@media (max-width:47.99rem){.site-header{position:static}.site-nav{order:3;width:calc(100% + 1.7rem);margin:0 -.85rem;overflow-x:auto}.art-float{position:relative;right:auto;bottom:auto;margin:-1rem auto 0;transform:none}}" +
        "@media (prefers-reduced-motion:reduce){*,*::before,*::after{transition:none!important;animation:none!important}}";
}
