using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SiteBuilder.BrandAssets.Library;
using SiteBuilder.Identity;
using SiteBuilder.TestSupport.FakeBedrockImages;

namespace SiteBuilder.E2E;

public sealed class AssetsPageTests(BrowserFixture browser)
{
    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..10];

    private BrandAssetLibrary Library => browser.Portal.Services.GetRequiredService<BrandAssetLibrary>();

    private async Task<BrowserSession> SignedInAsync(string[] roles, string[] tenants, int width = 1280, int height = 900)
    {
        var (account, password) = await browser.Portal.CreateUserAsync(roles, tenants, displayName: "Mia Marketer");
        var session = await browser.NewSessionAsync(width, height);
        await session.SignInAsync(account.UserName, password);
        return session;
    }

    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task MarketerGeneratesFourLogosAndPicksOneIntoTheBrandKit(int width, int height, string device)
    {
        var tenant = NewTenant();
        await using var session = await SignedInAsync([Roles.Marketer], [tenant], width, height);
        var page = session.Page;

        await page.GotoAsync("/assets");
        await session.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Brand assets");
        await session.AssertPageIsCleanAsync($"empty assets page ({device})");
        await session.ScreenshotAsync($"assets-empty-{device}");

        await page.GetByLabel("Prompt").FillAsync("Logo for \"Acme Coffee\", a modern roastery");
        await page.GetByLabel("Colours").FillAsync("#0066CC, #FF6600");
        await page.GetByTestId("generate").ClickAsync();

        var logos = page.Locator("[data-testid=asset-card][data-kind=logo]");
        await Assertions.Expect(logos).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByTestId("generate-progress")).ToHaveCountAsync(0);
        var images = page.Locator("[data-testid=asset-card] img");
        for (var i = 0; i < 4; i++)
        {
            await Assertions.Expect(images.Nth(i)).ToHaveJSPropertyAsync("complete", true);
            Assert.True(await images.Nth(i).EvaluateAsync<int>("img => img.naturalWidth") > 0, $"image {i} did not load");
        }

        var ids = await logos.EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.assetId)");
        Assert.Equal(4, ids.Distinct().Count());
        Assert.Equal(ids.Order(), (await Library.ListAsync(tenant, BrandAssetKind.Logo, TestContext.Current.CancellationToken)).Select(a => a.Id).Order());

        var chosen = logos.Nth(1);
        var chosenId = await chosen.GetAttributeAsync("data-asset-id");
        await chosen.GetByTestId("use-in-brand-kit").ClickAsync();

        await Assertions.Expect(chosen.GetByTestId("in-brand-kit")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("brand-kit-logo")).ToBeVisibleAsync();
        Assert.Equal(chosenId, (await Library.GetBrandKitAsync(tenant, TestContext.Current.CancellationToken)).LogoAssetId);
        Assert.True(await page.GetByTestId("brand-kit-logo").EvaluateAsync<int>("img => img.naturalWidth") > 0);

        // Snackbars fade; wait so the clean-page check sees the page as it stays.
        await page.Locator(".mud-snackbar").First.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        await session.AssertPageIsCleanAsync($"assets page with four logos ({device})");
        await session.ScreenshotAsync($"assets-logos-{device}");
    }

    [Fact]
    public async Task BadUploadsAreRefusedWithAClearMessageAndNothingIsStored()
    {
        var tenant = NewTenant();
        await using var session = await SignedInAsync([Roles.Marketer], [tenant]);
        var page = session.Page;
        await page.GotoAsync("/assets");
        await session.WaitForInteractiveAsync();

        var cases = new (FilePayload File, string Message)[]
        {
            (new() { Name = "huge.png", MimeType = "image/png", Buffer = [.. TinyPng.Solid(4, 4, 1, 2, 3), .. new byte[3 * 1024 * 1024]] }, "the limit is 2 MB"),
            (new() { Name = "logo.png", MimeType = "image/png", Buffer = [.. "MZ"u8.ToArray(), 0x90, 0x00, .. "This program cannot be run in DOS mode."u8.ToArray()] }, "is a program, not an image"),
            (new() { Name = "logo.svg", MimeType = "image/svg+xml", Buffer = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"9\" height=\"9\"/><script>alert(1)</script></svg>") }, "contains a <script> element"),
        };
        foreach (var (file, message) in cases)
        {
            await UploadAsync(page, file);
            await Assertions.Expect(page.GetByTestId("upload-error")).ToContainTextAsync(message);
        }

        Assert.Empty(await Library.ListAsync(tenant, cancellationToken: TestContext.Current.CancellationToken));

        await UploadAsync(page, new FilePayload { Name = "mark.png", MimeType = "image/png", Buffer = TinyPng.Solid(200, 80, 0, 102, 204) });
        await Assertions.Expect(page.Locator("[data-testid=asset-card][data-kind=upload]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("upload-error")).ToHaveCountAsync(0);
    }

    /// <summary>As a person does it: the button opens the file chooser (MudFileUpload replaces its hidden input after each pick).</summary>
    private static async Task UploadAsync(IPage page, FilePayload file)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Upload image" }).ClickAsync());
        await chooser.SetFilesAsync(file);
    }

    [Fact]
    public async Task TheGenerationFormStartsFromTheBrandKit()
    {
        var tenant = NewTenant();
        var ct = TestContext.Current.CancellationToken;
        var logo = await Library.UploadAsync(tenant, "seed", new MemoryStream(TinyPng.Solid(64, 64, 0, 102, 204)), "mark.png", ct);
        await Library.SaveBrandKitAsync(tenant, "seed", new BrandKitChange("Acme Coffee", "#0066CC", "#FF6600", logo.Id), ct);
        await using var session = await SignedInAsync([Roles.Marketer], [tenant]);
        var page = session.Page;

        await page.GotoAsync("/workspace");
        await session.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("[data-testid=logo-option][aria-checked=true]")).ToHaveAttributeAsync("data-asset-id", logo.Id);
        await Assertions.Expect(page.GetByLabel("Primary colour", new() { Exact = true })).ToHaveValueAsync(new Regex("^#0066CC", RegexOptions.IgnoreCase));
        await Assertions.Expect(page.GetByLabel("Secondary colour", new() { Exact = true })).ToHaveValueAsync(new Regex("^#FF6600", RegexOptions.IgnoreCase));
    }

    [Fact]
    public async Task DeletingAsksFirst()
    {
        var tenant = NewTenant();
        await using var session = await SignedInAsync([Roles.Marketer], [tenant]);
        await Library.UploadAsync(tenant, "seed", new MemoryStream(TinyPng.Solid(64, 64, 9, 9, 9)), "keep.png", TestContext.Current.CancellationToken);
        var page = session.Page;
        await page.GotoAsync("/assets");
        await session.WaitForInteractiveAsync();
        var cards = page.GetByTestId("asset-card");
        await Assertions.Expect(cards).ToHaveCountAsync(1);

        await page.GetByTestId("delete-asset").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(cards).ToHaveCountAsync(1);

        await page.GetByTestId("delete-asset").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Assertions.Expect(cards).ToHaveCountAsync(0);
        Assert.Empty(await Library.ListAsync(tenant, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AMarketerCannotOpenAnotherTenantsAssets()
    {
        var (mine, theirs) = (NewTenant(), NewTenant());
        var asset = await Library.UploadAsync(theirs, "seed", new MemoryStream(TinyPng.Solid(64, 64, 1, 1, 1)), "secret.png", TestContext.Current.CancellationToken);
        await using var session = await SignedInAsync([Roles.Marketer], [mine]);

        await session.Page.GotoAsync($"/assets?tenant={theirs}");
        await session.WaitForInteractiveAsync();

        await Assertions.Expect(session.Page.GetByTestId("assets-denied")).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.GetByTestId("asset-card")).ToHaveCountAsync(0);
        var image = await session.Page.APIRequest.GetAsync($"/assets/{theirs}/{asset.Id}/content");
        Assert.Equal(404, image.Status);
    }

    [Fact]
    public async Task AUserWithSeveralTenantsPicksOne()
    {
        var (first, second) = ("a" + NewTenant(), "b" + NewTenant());
        await Library.UploadAsync(second, "seed", new MemoryStream(TinyPng.Solid(64, 64, 1, 1, 1)), "second.png", TestContext.Current.CancellationToken);
        await using var session = await SignedInAsync([Roles.Marketer], [first, second]);
        var page = session.Page;
        await page.GotoAsync("/assets");
        await session.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("asset-card")).ToHaveCountAsync(0);

        await page.GetByTestId("assets-tenant").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = second }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("asset-card")).ToHaveCountAsync(1);
        Assert.EndsWith($"/assets?tenant={second}", page.Url, StringComparison.Ordinal);
    }
}
