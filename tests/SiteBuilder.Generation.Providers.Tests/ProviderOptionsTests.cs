using System.ComponentModel.DataAnnotations;
using SiteBuilder.Generation.Providers.Bedrock;
using SiteBuilder.Generation.Providers.OpenAi;

namespace SiteBuilder.Generation.Providers.Tests;

/// <summary>The host binds these with ValidateDataAnnotations: a bad setting must fail naming its key.</summary>
public class ProviderOptionsTests
{
    [Fact]
    public void DefaultBedrockOptionsAreValid()
    {
        Assert.Empty(Validate(new BedrockPageOptions()));
    }

    [Fact]
    public void BedrockTemperatureAboveOneIsRejected()
    {
        var errors = Validate(new BedrockPageOptions { Temperature = 1.5 });

        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(BedrockPageOptions.Temperature)));
    }

    [Fact]
    public void ZeroIdleTimeoutIsRejected()
    {
        var errors = Validate(new BedrockPageOptions { IdleTimeout = TimeSpan.Zero });

        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(BedrockPageOptions.IdleTimeout)));
    }

    [Fact]
    public void OpenAiOptionsWithoutAModelAreRejected()
    {
        var errors = Validate(new OpenAiPageOptions());

        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(OpenAiPageOptions.Model)));
    }

    [Fact]
    public void OpenAiOptionsWithAModelAreValid()
    {
        Assert.Empty(Validate(new OpenAiPageOptions { Model = "llama3.1:8b" }));
    }

    private static List<ValidationResult> Validate(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
