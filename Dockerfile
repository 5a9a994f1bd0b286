# syntax=docker/dockerfile:1
# The portal's container image. Built with the official .NET SDK image, run on the official ASP.NET Core runtime
# image as its non-root "app" user, with a read-only root filesystem: only /data (and /tmp) are written.
#   docker build -t site-builder-portal .
#   docker run --read-only -v sitebuilder-data:/data -p 8080:8080 site-builder-portal
# tests/SiteBuilder.Infrastructure.Tests runs this file's build stage (its COPY lines and dotnet publish) and
# starts the output the way the final stage does, so a change here is tested there.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig appsettings.json ./
COPY openapi/ openapi/
COPY docs/ docs/
# The alarm definitions the portal evaluates (terraform's monitoring module reads the same file).
COPY terraform/modules/monitoring/alarms.json terraform/modules/monitoring/
COPY src/ src/
RUN dotnet publish src/SiteBuilder.Portal/SiteBuilder.Portal.csproj -c Release -o /app/publish -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
# curl answers the HEALTHCHECK and ECS's container health check; the runtime image has no HTTP client.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data \
    && chown "$APP_UID" /data
WORKDIR /app
COPY --from=build /app/publish .
ENV Urls=http://+:8080 \
    SiteBuilder__DataDirectory=/data
USER $APP_UID
# Volumes are the only writable paths; ECS's task volumes at these paths start with the image's ownership.
VOLUME ["/data", "/tmp"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["curl", "-fsS", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["dotnet", "SiteBuilder.Portal.dll"]
