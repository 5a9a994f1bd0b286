namespace SiteBuilder.Operations.Environments;

/// <summary>One stage of DEV → SIT → PROD as configuration describes it.</summary>
/// <param name="IsLocalDemo">True when its URLs are this portal's own (nothing configured): the board says so.</param>
public sealed record OpsEnvironment(string Name, string DisplayName, int Order, string Region, Uri ApiBaseUrl, Uri HealthUrl, bool IsLocalDemo);

/// <summary>The address this portal answers on, for the local demo's environment URLs.</summary>
public interface IPortalAddress
{
    Uri BaseAddress { get; }
}
