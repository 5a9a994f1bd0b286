using System.Net;
using System.Net.Sockets;

namespace SiteBuilder.TestSupport;

/// <summary>Free TCP ports on 127.0.0.1 for emulators and fake endpoints.</summary>
public static class LoopbackPort
{
    public static int GetFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
