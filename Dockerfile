# PrivacyDesk: build and run the web app (the same executable runs the admin commands).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig PrivacyDesk.sln ./
COPY src/PrivacyDesk.Domain/PrivacyDesk.Domain.csproj src/PrivacyDesk.Domain/
COPY src/PrivacyDesk.Web/PrivacyDesk.Web.csproj src/PrivacyDesk.Web/
RUN dotnet restore src/PrivacyDesk.Web/PrivacyDesk.Web.csproj
COPY src/ src/
COPY policy-packs/ policy-packs/
RUN dotnet publish src/PrivacyDesk.Web/PrivacyDesk.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /app privacydesk
WORKDIR /app
COPY --from=build /app ./
USER privacydesk
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Database__MigrateOnStartup=true
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "PrivacyDesk.Web.dll"]
