using SiteBuilder.Identity.Accounts;
using SiteBuilder.Portal.Auth;

namespace SiteBuilder.Portal.Components;

/// <summary>The signed-in user's light/dark choice, remembered in their preferences so it follows them to any browser.</summary>
public sealed class ThemeState(IAccountStore store)
{
    public bool IsDarkMode { get; private set; }

    public async Task LoadAsync(PortalUser? user)
    {
        if (user is not null)
        {
            IsDarkMode = (await store.GetPreferencesAsync(user.Subject))?.DarkMode ?? false;
        }
    }

    public async Task SetDarkModeAsync(PortalUser? user, bool dark)
    {
        IsDarkMode = dark;
        if (user is not null)
        {
            var current = await store.GetPreferencesAsync(user.Subject) ?? new UserPreferences();
            await store.SavePreferencesAsync(user.Subject, current with { DarkMode = dark });
        }
    }
}
