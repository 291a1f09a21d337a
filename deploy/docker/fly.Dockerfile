# Production on Fly.io: the edge and the API in one image, one of each per machine (see fly.toml and
# docs/runbook.md#how-aicq-runs-on-flyio). Fly's proxy terminates TLS and sends plain HTTP to the edge; the
# edge forwards to the API on loopback. Build from the repository root (fly deploy does, with fly.toml's [build]).

FROM mcr.microsoft.com/dotnet/sdk:10.0.401-noble AS build
# The edge is published as Native AOT (issue 15), which links with clang and needs zlib's headers.
RUN apt-get update && apt-get install -y --no-install-recommends clang zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Aicq.Protocol/Aicq.Protocol.csproj src/Aicq.Protocol/
COPY src/Aicq.ServiceDefaults/Aicq.ServiceDefaults.csproj src/Aicq.ServiceDefaults/
COPY src/Aicq.Api/Aicq.Api.csproj src/Aicq.Api/
COPY src/Aicq.Edge/Aicq.Edge.csproj src/Aicq.Edge/
RUN dotnet restore src/Aicq.Api/Aicq.Api.csproj && dotnet restore src/Aicq.Edge/Aicq.Edge.csproj -r linux-x64
COPY src/Aicq.Protocol/ src/Aicq.Protocol/
COPY src/Aicq.ServiceDefaults/ src/Aicq.ServiceDefaults/
COPY src/Aicq.Api/ src/Aicq.Api/
COPY src/Aicq.Edge/ src/Aicq.Edge/
RUN dotnet publish src/Aicq.Api/Aicq.Api.csproj -c Release -o /app/api --no-restore -p:UseAppHost=false \
 && dotnet publish src/Aicq.Edge/Aicq.Edge.csproj -c Release -r linux-x64 -o /app/edge --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12-noble AS runtime
ARG VERSION=dev
ARG COMMIT=unknown
ENV AICQ_VERSION=$VERSION \
    AICQ_COMMIT=$COMMIT
WORKDIR /app
COPY --from=build /app ./
COPY deploy/docker/fly-entrypoint.sh /usr/local/bin/aicq-fly-entrypoint
COPY deploy/docker/healthcheck.sh /usr/local/bin/aicq-healthcheck
USER $APP_UID
EXPOSE 8080 9091 9092
ENTRYPOINT ["aicq-fly-entrypoint"]
