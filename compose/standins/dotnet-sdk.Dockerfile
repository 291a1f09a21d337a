# Stand-in for mcr.microsoft.com/dotnet/sdk:10.0.401-noble: the aspnet stand-in plus this machine's whole .NET
# install (README.md here lists the contract and how it differs). Context: dotnet/ = the host's install,
# ca-certificates.crt = the host's trust bundle.
FROM mcr.microsoft.com/dotnet/aspnet:10.0.12-noble
ENV DOTNET_SDK_VERSION=10.0.401 \
    DOTNET_USE_POLLING_FILE_WATCHER=true \
    NUGET_XMLDOC_MODE=skip \
    DOTNET_NOLOGO=true \
    DOTNET_CLI_TELEMETRY_OPTOUT=true \
    NUGET_CERT_REVOCATION_MODE=offline
# This machine's egress re-signs TLS: NuGet over HTTPS needs the host's trust bundle.
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY dotnet/ /usr/share/dotnet/
