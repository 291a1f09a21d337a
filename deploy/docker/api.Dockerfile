# The AICQ API. Build from the repository root (central package management needs the root props):
#   docker build -f deploy/docker/api.Dockerfile --build-arg VERSION=1.2.3 --build-arg COMMIT=$(git rev-parse HEAD) -t aicq-api .
# Listens on PORT (8080) and serves /metrics only on METRICS_PORT (9091); configuration is the environment
# variables in the README's table.

FROM mcr.microsoft.com/dotnet/sdk:10.0.401-noble AS build
WORKDIR /src
# Restore first, from the project files alone, so a source-only change reuses the cached package layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Aicq.Protocol/Aicq.Protocol.csproj src/Aicq.Protocol/
COPY src/Aicq.ServiceDefaults/Aicq.ServiceDefaults.csproj src/Aicq.ServiceDefaults/
COPY src/Aicq.Api/Aicq.Api.csproj src/Aicq.Api/
RUN dotnet restore src/Aicq.Api/Aicq.Api.csproj
COPY src/Aicq.Protocol/ src/Aicq.Protocol/
COPY src/Aicq.ServiceDefaults/ src/Aicq.ServiceDefaults/
COPY src/Aicq.Api/ src/Aicq.Api/
RUN dotnet publish src/Aicq.Api/Aicq.Api.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12-noble AS runtime
ARG VERSION=dev
ARG COMMIT=unknown
# AICQ_VERSION/AICQ_COMMIT are what /health, the logs and aicq_build_info report.
ENV AICQ_VERSION=$VERSION \
    AICQ_COMMIT=$COMMIT \
    ENV=production \
    LOG_FORMAT=json \
    BIND_ADDRESS=0.0.0.0 \
    PORT=8080 \
    METRICS_PORT=9091
WORKDIR /app
COPY --from=build /app ./
COPY deploy/docker/healthcheck.sh /usr/local/bin/aicq-healthcheck
# The image's unprivileged user (uid 1654); nothing here needs root.
USER $APP_UID
EXPOSE 8080 9091
# Liveness only: a dependency outage must not make Docker restart a healthy process.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD aicq-healthcheck "$METRICS_PORT"
ENTRYPOINT ["dotnet", "Aicq.Api.dll"]
