namespace SiteBuilder.Validation;

/// <summary>Input the validator refuses. The API maps it to 400 <c>VALIDATION_ERROR</c>.</summary>
public abstract class ValidationInputException : ArgumentException
{
    protected ValidationInputException(string message, string field)
        : base(message, field)
    {
        Field = field;
    }

    /// <summary>The request field at fault (<c>html</c>, <c>brandAssets.primaryColor</c> …).</summary>
    public string Field { get; }
}

/// <summary>The HTML is longer than <see cref="BrandValidator.MaxHtmlLength"/>.</summary>
public sealed class HtmlTooLargeException(int length, int limit)
    : ValidationInputException($"The page has {length:N0} characters; the validator accepts at most {limit:N0}.", "html")
{
    public int Length { get; } = length;

    public int Limit { get; } = limit;
}

/// <summary>A brand colour is not a CSS colour.</summary>
public sealed class InvalidBrandAssetException(string field, string value)
    : ValidationInputException($"'{(value.Length > 40 ? value[..40] + "…" : value)}' is not a colour; use #RRGGBB, rgb() or hsl().", field)
{
    public string Value { get; } = value;
}
