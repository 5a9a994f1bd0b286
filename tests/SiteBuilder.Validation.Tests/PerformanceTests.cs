namespace SiteBuilder.Validation.Tests;

public class PerformanceTests
{
    [Fact]
    public void ASmallPageCostsTheDocumentRoundTripsPlusItsBytes()
    {
        var html = Pages.With("<p>Hello</p>");
        var bytes = System.Text.Encoding.UTF8.GetByteCount(html);

        var estimate = BrandValidator.Validate(html).Performance;

        // 3 RTT to connect + 1 RTT request at 150 ms, then bytes at 200 bytes/ms.
        Assert.Equal((int)Math.Round(600 + (bytes / 200.0), MidpointRounding.AwayFromZero), estimate.DocumentMs);
        Assert.Equal(0, estimate.Requests);
        Assert.Equal(0, estimate.RenderBlockingMs);
        Assert.Equal(estimate.TotalMs, BrandValidator.Validate(html).PerformanceMs);
        Assert.Equal(estimate.DocumentMs + estimate.RenderBlockingMs + estimate.SubresourcesMs + estimate.CpuMs, estimate.TotalMs);
    }

    [Fact]
    public void RenderBlockingResourcesOnAnotherOriginAddConnectionAndTransfer()
    {
        var report = BrandValidator.Validate(Pages.With("<p>x</p>",
            head: "<link rel='stylesheet' href='https://fonts.example.com/inter.css'><script src='/app.js'></script><link rel='stylesheet' href='print.css' media='print'>"));

        // Stylesheet (20 KiB) + script (30 KiB): 3 RTT connect + 1 RTT + 51,200 bytes / 200 per ms.
        Assert.Equal(450 + 150 + 256, report.Performance.RenderBlockingMs);
        var audit = report.Audit("render-blocking-resources");
        Assert.Equal(2, audit.FindingCount);
        Assert.Equal(1, report.Performance.ExternalOrigins);
    }

    [Fact]
    public void DeferredScriptsAndLazyImagesDoNotBlockOrCountForTheFirstLoad()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<img src='a.jpg' alt='a' width='1' height='1' loading='lazy'><img src='b.jpg' alt='b' width='1' height='1'>",
            head: "<script src='/a.js' defer></script><script type='module' src='/m.js'></script>"));

        Assert.True(report.Audit("render-blocking-resources").Passed);
        Assert.Equal(3, report.Performance.Requests);
    }

    [Fact]
    public void ImagesWithoutDimensionsFail()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<img src='a.jpg' alt='a'><img src='b.jpg' alt='b' width='10' height='10'><img src='c.jpg' alt='c' class='r'><img src='d.jpg' alt='d' style='width:100px;height:50px'>",
            ".r { width: 100%; aspect-ratio: 16 / 9 }"));

        var audit = report.Audit("unsized-images");
        Assert.Equal(1, audit.FindingCount);
        Assert.Contains("a.jpg", audit.Findings[0].Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void HeavyInlineImagesFail()
    {
        var payload = Convert.ToBase64String(new byte[12_000]);
        var report = BrandValidator.Validate(Pages.With($"<img alt='x' width='1' height='1' src='data:image/png;base64,{payload}'>"));

        var audit = report.Audit("inline-image-weight");
        Assert.False(audit.Passed);
        Assert.Contains("11.7 KiB", audit.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyRequestsAndHeavyPagesFail()
    {
        var images = string.Concat(Enumerable.Range(0, 60).Select(i => $"<img src='/i/{i}.jpg' alt='{i}' width='1' height='1'>"));

        var report = BrandValidator.Validate(Pages.With(images));

        Assert.False(report.Audit("request-count").Passed);
        Assert.False(report.Audit("total-byte-weight").Passed);
        Assert.Equal(60, report.Performance.Requests);
        Assert.True(report.PerformanceMs > 15_000);
    }

    [Fact]
    public void DuplicateUrlsAreOneRequest()
    {
        var report = BrandValidator.Validate(Pages.With("<img src='/a.png' alt='a' width='1' height='1'><img src='/a.png' alt='a' width='1' height='1'>"));

        Assert.Equal(1, report.Performance.Requests);
    }

    [Fact]
    public void LargeDomsAreFlagged()
    {
        var report = BrandValidator.Validate(Pages.With(string.Concat(Enumerable.Repeat("<span>x</span>", 1500))));

        Assert.False(report.Audit("dom-size").Passed);
        Assert.Equal("minor", report.Audit("dom-size").Impact);
    }
}
