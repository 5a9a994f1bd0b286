using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using SiteBuilder.Storage.Blobs;

namespace SiteBuilder.Portal.Hosting;

/// <summary>
/// Data-protection keys (which protect cookies and antiforgery tokens) in the system blob container: the data
/// directory locally, the assets bucket in AWS, so every instance can read every other instance's cookies.
/// </summary>
internal sealed class BlobXmlRepository(IBlobStore blobs) : IXmlRepository
{
    private const string Prefix = "dataprotection/";

    public IReadOnlyCollection<XElement> GetAllElements() => LoadAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        var name = new string(friendlyName.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
        var key = $"{Prefix}{(name.Length > 0 ? name : Guid.NewGuid().ToString("N"))}.xml";
        blobs.PutAsync(BlobContainer.System, key, Encoding.UTF8.GetBytes(element.ToString(SaveOptions.DisableFormatting))).GetAwaiter().GetResult();
    }

    private async Task<IReadOnlyCollection<XElement>> LoadAsync()
    {
        var elements = new List<XElement>();
        await foreach (var blob in blobs.ListAsync(BlobContainer.System, Prefix))
        {
            if (await blobs.GetAsync(BlobContainer.System, blob.Key) is { } content)
            {
                elements.Add(XElement.Parse(Encoding.UTF8.GetString(content.Content)));
            }
        }

        return elements;
    }
}
