# The AICQ status page (Blazor): the page on STATUS_PORT; probes, metrics and the alert webhook on STATUS_INTERNAL_PORT.
# Build from the repository root:
#   docker build -f deploy/docker/status.Dockerfile --build-arg VERSION=1.2.3 --build-arg COMMIT=$(git rev-parse HEAD) -t aicq-status .
# Published, not run from a build folder: Blazor's framework files are served from the publish output.

FROM mcr.microsoft.com/dotnet/sdk:10.0.401-noble AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Aicq.Protocol/Aicq.Protocol.csproj src/Aicq.Protocol/
COPY src/Aicq.ServiceDefaults/Aicq.ServiceDefaults.csproj src/Aicq.ServiceDefaults/
COPY src/Aicq.Client/Aicq.Client.csproj src/Aicq.Client/
COPY src/Aicq.StatusPage/Aicq.StatusPage.csproj src/Aicq.StatusPage/
RUN dotnet restore src/Aicq.StatusPage/Aicq.StatusPage.csproj
COPY src/Aicq.Protocol/ src/Aicq.Protocol/
COPY src/Aicq.ServiceDefaults/ src/Aicq.ServiceDefaults/
COPY src/Aicq.Client/ src/Aicq.Client/
COPY src/Aicq.StatusPage/ src/Aicq.StatusPage/
# Restores again now that the sources are here: the SDK adds the package carrying Blazor's framework script
# (blazor.web.js) only when it sees .razor files, which the project-files-only restore above cannot.
RUN dotnet publish src/Aicq.StatusPage/Aicq.StatusPage.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12-noble AS runtime
ARG VERSION=dev
ARG COMMIT=unknown
ENV AICQ_VERSION=$VERSION \
    AICQ_COMMIT=$COMMIT \
    ENV=production \
    LOG_FORMAT=json \
    STATUS_BIND_ADDRESS=0.0.0.0 \
    STATUS_PORT=8088 \
    STATUS_INTERNAL_PORT=9094 \
    STATUS_CANARY_STATE_DIR=/var/lib/aicq-status
WORKDIR /app
COPY --from=build /app ./
COPY deploy/docker/healthcheck.sh /usr/local/bin/aicq-healthcheck
# The synthetic agent keeps its identity here across restarts (mount a volume).
RUN mkdir -p /var/lib/aicq-status && chown "$APP_UID" /var/lib/aicq-status
USER $APP_UID
EXPOSE 8088 9094
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD aicq-healthcheck "$STATUS_INTERNAL_PORT"
ENTRYPOINT ["dotnet", "Aicq.StatusPage.dll"]
