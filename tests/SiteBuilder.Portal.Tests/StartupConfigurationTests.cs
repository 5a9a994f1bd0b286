namespace SiteBuilder.Portal.Tests;

/// <summary>A bad setting stops the start with a message that names the key.</summary>
public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("SiteBuilder__Storage__Provider", "Cassandra", "SiteBuilder:Storage:Provider")]
    [InlineData("SiteBuilder__Storage__Blobs", "Floppy", "SiteBuilder:Storage:Blobs")]
    [InlineData("SiteBuilder__Environment", "Not An Environment", "SiteBuilder:Environment")]
    [InlineData("SiteBuilder__Accounts__MaxFailedSignIns", "0", "SiteBuilder:Accounts:MaxFailedSignIns")]
    [InlineData("SiteBuilder__RateLimits__Generation", "-3", "SiteBuilder:RateLimits:Generation")]
    [InlineData("SiteBuilder__Generation__Provider", "Quantum", "SiteBuilder:Generation:Provider")]
    [InlineData("SiteBuilder__Generation__Timeout", "00:00:00", "SiteBuilder:Generation:Timeout")]
    [InlineData("SiteBuilder__Generation__StaleAfter", "02:00:00", "SiteBuilder:Generation:StaleAfter")]
    [InlineData("SiteBuilder__PublicBaseUrl", "portal.example.com/app", "SiteBuilder:PublicBaseUrl")]
    [InlineData("SiteBuilder__RequireHttps", "true", "SiteBuilder:PublicBaseUrl")]
    public async Task InvalidSettingStopsTheStartNamingTheKey(string variable, string value, string key)
    {
        var directory = Directory.CreateTempSubdirectory("sitebuilder-config-").FullName;
        try
        {
            var result = await PortalProcess.RunAsync(["--urls", "http://127.0.0.1:0"],
                new Dictionary<string, string> { [variable] = value, ["SiteBuilder__DataDirectory"] = directory },
                directory, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("Configuration error", result.StdErr, StringComparison.Ordinal);
            Assert.Contains(key, result.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
