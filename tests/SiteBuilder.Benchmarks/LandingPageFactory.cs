using System.Globalization;
using System.Text;

namespace SiteBuilder.Benchmarks;

/// <summary>
/// Builds landing pages shaped like the ones the generator produces: a themed <c>&lt;style&gt;</c> block with
/// custom properties, header and navigation, hero, feature grid, product cards, pricing, testimonials, FAQ and
/// footer. Sections repeat (with distinct ids and text) until the page reaches the requested size.
/// </summary>
internal static class LandingPageFactory
{
    private static readonly string[] Products = ["Trail Runner", "City Sneaker", "Summit Boot", "Harbor Loafer", "Studio Slip-on", "Canyon Sandal"];
    private static readonly string[] Features = ["Free returns", "Carbon neutral shipping", "Two-year warranty", "Recycled materials", "Fitted in store", "Members get early access"];

    private const int SectionKinds = 6;

    private const string Footer = """
            </main>
            <footer class="site-footer"><div class="container">
              <div class="grid">
                <div><h3 style="color:#FFFFFF">Northwind</h3><p>Footwear fitted by people who walk.</p></div>
                <div><h3 style="color:#FFFFFF">Help</h3><ul><li><a href="/help/shipping">Shipping</a></li><li><a href="/help/returns">Returns</a></li><li><a href="/help/sizes">Size guide</a></li></ul></div>
                <div><h3 style="color:#FFFFFF">Company</h3><ul><li><a href="/about">About</a></li><li><a href="/careers">Careers</a></li><li><a href="/press">Press</a></li></ul></div>
              </div>
              <p class="legal">© 2026 Northwind Footwear Ltd. All prices include VAT.</p>
            </div></footer>
            </body>
            </html>

            """;

    public static string Build(int targetBytes)
    {
        var html = new StringBuilder(targetBytes + 16_384);
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Autumn Sale — Northwind Footwear</title>
            <meta name="description" content="Up to 40% off walking and trail shoes this week only.">
            <style>
            :root { --primary: #0066CC; --secondary: #FF6600; --accent: #1B998B; --text: #1F2933; --muted: #52606D; --surface: #F5F7FA; --on-primary: #FFFFFF; --radius: 12px; }
            *, *::before, *::after { box-sizing: border-box; }
            html { font-size: 16px; }
            body { margin: 0; font-family: "Inter", system-ui, sans-serif; color: var(--text); background: #FFFFFF; line-height: 1.6; }
            h1, h2, h3 { font-family: "Poppins", "Inter", sans-serif; line-height: 1.2; color: #102A43; }
            h1 { font-size: clamp(2rem, 5vw, 3.5rem); }
            h2 { font-size: 2rem; margin-bottom: .5em; }
            h3 { font-size: 1.25rem; }
            a { color: var(--primary); text-decoration: none; }
            a:hover, a:focus-visible { text-decoration: underline; }
            .container { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
            .site-header { background: var(--primary); color: var(--on-primary); position: sticky; top: 0; }
            .site-header .container { display: flex; align-items: center; justify-content: space-between; min-height: 64px; }
            .site-header a { color: var(--on-primary); }
            .logo img { display: block; height: 40px; width: auto; }
            .nav ul { display: flex; gap: 24px; list-style: none; margin: 0; padding: 0; }
            .nav a { font-weight: 600; padding: 12px 4px; display: inline-block; }
            .btn { display: inline-block; padding: 14px 28px; border-radius: var(--radius); font-weight: 700; min-height: 48px; }
            .btn-primary { background-color: var(--secondary); color: #1F1F1F; }
            .btn-secondary { background: transparent; color: var(--primary); border: 2px solid var(--primary); }
            .site-header .btn-primary { color: #1F1F1F; }
            .hero { background: linear-gradient(135deg, #0066CC 0%, #004C99 100%); color: #FFFFFF; padding: 96px 0; }
            .hero h1 { color: #FFFFFF; }
            .hero p.lead { font-size: 1.25rem; color: rgba(255, 255, 255, 0.92); max-width: 40ch; }
            .section { padding: 72px 0; }
            .section:nth-of-type(even) { background: var(--surface); }
            .section-title { text-align: center; }
            .section-intro { color: var(--muted); text-align: center; max-width: 60ch; margin: 0 auto 40px; }
            .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 24px; }
            .feature { padding: 24px; border-radius: var(--radius); background: #FFFFFF; box-shadow: 0 1px 3px rgba(16, 42, 67, .12); }
            .feature .icon { width: 48px; height: 48px; border-radius: 50%; background: rgba(0, 102, 204, .12); color: var(--primary); display: grid; place-items: center; font-weight: 700; }
            .feature p { color: var(--muted); }
            .card { background: #FFFFFF; border: 1px solid #D9E2EC; border-radius: var(--radius); overflow: hidden; display: flex; flex-direction: column; }
            .card img { width: 100%; height: auto; aspect-ratio: 4 / 3; object-fit: cover; }
            .card-body { padding: 20px; }
            .card .price { font-size: 1.5rem; font-weight: 700; color: #102A43; }
            .card .price del { color: #616E7C; font-size: 1rem; font-weight: 400; margin-left: 8px; }
            .badge { display: inline-block; background: #FFE8D6; color: #8A3A00; border-radius: 999px; padding: 2px 10px; font-size: .8125rem; font-weight: 600; }
            .pricing .plan { border: 1px solid #D9E2EC; border-radius: var(--radius); padding: 32px; background: #FFFFFF; }
            .pricing .plan.featured { border-color: var(--primary); box-shadow: 0 8px 24px rgba(0, 102, 204, .18); }
            .pricing .plan ul { padding-left: 1.2em; color: var(--muted); }
            .plan .amount { font-size: 2.5rem; font-weight: 800; color: #102A43; }
            .testimonial { margin: 0; padding: 24px; background: #FFFFFF; border-left: 4px solid var(--accent); }
            .testimonial blockquote { margin: 0 0 12px; font-style: italic; }
            .testimonial figcaption { color: var(--muted); font-size: .875rem; }
            .faq details { border-bottom: 1px solid #D9E2EC; padding: 16px 0; }
            .faq summary { font-weight: 600; cursor: pointer; }
            .faq details p { color: var(--muted); }
            .cta-band { background: #102A43; color: #F0F4F8; text-align: center; padding: 64px 0; }
            .cta-band h2 { color: #FFFFFF; }
            .signup { display: flex; gap: 12px; justify-content: center; flex-wrap: wrap; }
            .signup input[type="email"] { padding: 12px 16px; border-radius: var(--radius); border: 1px solid #9FB3C8; min-width: 280px; min-height: 48px; }
            .site-footer { background: #0B1B2B; color: #BCCCDC; padding: 48px 0 24px; font-size: .875rem; }
            .site-footer a { color: #D9E2EC; }
            .site-footer .legal { color: #9FB3C8; border-top: 1px solid #243B53; margin-top: 32px; padding-top: 16px; }
            .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
            @media (min-width: 768px) { .hero { padding: 128px 0; } .nav ul { gap: 32px; } }
            @media (prefers-color-scheme: dark) { .feature { background: #102A43; color: #F0F4F8; } }
            @media print { .site-header, .site-footer { display: none; } }
            </style>
            </head>
            <body>
            <a class="visually-hidden" href="#main">Skip to content</a>
            <header class="site-header">
              <div class="container">
                <a class="logo" href="/"><img src="/assets/northwind-logo.svg" alt="Northwind Footwear" width="160" height="40"></a>
                <nav class="nav" aria-label="Main"><ul><li><a href="#products">Shop</a></li><li><a href="#features">Why us</a></li><li><a href="#pricing">Membership</a></li><li><a href="#faq">Help</a></li></ul></nav>
                <a class="btn btn-primary" href="#products">Shop the sale</a>
              </div>
            </header>
            <main id="main">
            <section class="hero"><div class="container">
              <h1>Autumn Sale: up to 40% off</h1>
              <p class="lead">Walking, trail and city shoes, fitted for the way you move. This week only, while sizes last.</p>
              <a class="btn btn-primary" href="#products">Shop the sale</a> <a class="btn btn-secondary" style="color:#FFFFFF;border-color:#FFFFFF" href="#features">Why Northwind</a>
            </div></section>

            """);
        // Whole sections, one at a time, until the page (with its footer) reaches the requested size.
        for (var section = 0; html.Length < targetBytes - Footer.Length; section++)
        {
            AppendSection(html, section / SectionKinds, section % SectionKinds);
        }
        html.Append(Footer);
        return html.ToString();
    }

    private static void AppendSection(StringBuilder html, int round, int kind)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (kind)
        {
            case 0:
                html.Append(inv, $"""
                    <section class="section features" id="features-{round}"><div class="container">
                      <h2 class="section-title">Why walkers choose Northwind</h2>
                      <p class="section-intro">Every pair is checked by hand, shipped without plastic and backed by people who answer the phone.</p>
                      <div class="grid">

                    """);
                for (var i = 0; i < Features.Length; i++)
                {
                    html.Append(inv, $"""
                            <article class="feature"><div class="icon" aria-hidden="true">{i + 1}</div><h3>{Features[i]}</h3><p>{Features[i]} on every order in round {round}: we mean it, and the small print is short enough to read on a phone.</p></article>

                        """);
                }

                html.Append("      </div>\n    </div></section>\n");
                break;
            case 1:
                html.Append(inv, $"""
                    <section class="section products" id="products-{round}"><div class="container">
                      <h2 class="section-title">On sale this week</h2>
                      <div class="grid">

                    """);
                for (var i = 0; i < Products.Length; i++)
                {
                    var price = 59 + (i * 17) + round;
                    html.Append(inv, $"""
                            <article class="card"><img src="/assets/products/{round}-{i}.webp" alt="{Products[i]} in autumn colours, side view" width="480" height="360" loading="lazy"><div class="card-body"><span class="badge">-{20 + (i * 4)}%</span><h3>{Products[i]}</h3><p>Cushioned sole, breathable upper and a heel that stays put on wet paths.</p><p class="price">£{price}<del>£{price + 30}</del></p><a class="btn btn-secondary" href="/products/{round}-{i}">View {Products[i]}</a></div></article>

                        """);
                }

                html.Append("      </div>\n    </div></section>\n");
                break;
            case 2:
                html.Append(inv, $"""
                    <section class="section pricing" id="pricing-{round}"><div class="container">
                      <h2 class="section-title">Membership</h2>
                      <div class="grid">
                        <div class="plan"><h3>Walker</h3><p class="amount">£0</p><ul><li>Free returns</li><li>Order tracking</li></ul><a class="btn btn-secondary" href="/join?plan=walker">Join free</a></div>
                        <div class="plan featured"><h3>Trail</h3><p class="amount">£4<small>/month</small></p><ul><li>Free express shipping</li><li>Early access to sales</li><li>Annual gait check</li></ul><a class="btn btn-primary" href="/join?plan=trail">Start Trail</a></div>
                        <div class="plan"><h3>Summit</h3><p class="amount">£9<small>/month</small></p><ul><li>Everything in Trail</li><li>One free resole a year</li></ul><a class="btn btn-secondary" href="/join?plan=summit">Go Summit</a></div>
                      </div>
                    </div></section>

                    """);
                break;
            case 3:
                html.Append(inv, $"""
                    <section class="section testimonials" id="reviews-{round}"><div class="container">
                      <h2 class="section-title">What customers say</h2>
                      <div class="grid">
                        <figure class="testimonial"><blockquote>“The Trail Runners survived a wet Lake District weekend and still look new.”</blockquote><figcaption>Priya, Kendal</figcaption></figure>
                        <figure class="testimonial"><blockquote>“Fitted in ten minutes, no blisters after a 20 km walk.”</blockquote><figcaption>Tom, Leeds</figcaption></figure>
                        <figure class="testimonial"><blockquote>“Returns were painless, and the replacement arrived the next day.”</blockquote><figcaption>Ana, Bristol</figcaption></figure>
                      </div>
                    </div></section>

                    """);
                break;
            case 4:
                html.Append(inv, $"""
                    <section class="section faq" id="faq-{round}"><div class="container">
                      <h2 class="section-title">Questions</h2>
                      <details><summary>When does the sale end?</summary><p>Sunday at midnight, or when a size sells out.</p></details>
                      <details><summary>Can I return sale items?</summary><p>Yes, within 60 days, unworn, with free return labels.</p></details>
                      <details><summary>Do you ship abroad?</summary><p>We ship to the EU, the US and Canada; duties are shown at checkout.</p></details>
                    </div></section>

                    """);
                break;
            default:
                html.Append(inv, $"""
                    <section class="cta-band" id="signup-{round}"><div class="container">
                      <h2>Get 10% off your first order</h2>
                      <p>One email a week. Unsubscribe with one click.</p>
                      <form class="signup" action="/subscribe" method="post"><label class="visually-hidden" for="email-{round}">Email address</label><input id="email-{round}" type="email" name="email" placeholder="you@example.com" required><button class="btn btn-primary" type="submit">Subscribe</button></form>
                    </div></section>

                    """);
                break;
        }
    }
}
