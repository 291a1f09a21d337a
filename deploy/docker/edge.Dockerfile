# The AICQ edge (YARP): HTTPS on EDGE_HTTPS_PORT, the HTTP→HTTPS redirect on EDGE_HTTP_PORT, and metrics,
# probes and the admin API on EDGE_INTERNAL_PORT only. Build from the repository root:
#   docker build -f deploy/docker/edge.Dockerfile --build-arg VERSION=1.2.3 --build-arg COMMIT=$(git rev-parse HEAD) -t aicq-edge .
# The certificate is read from /etc/aicq/tls (server.crt + server.key); `--make-dev-cert /etc/aicq/tls --name HOST`
# writes a local CA and certificate there (the compose stack does this once into a volume).

FROM mcr.microsoft.com/dotnet/sdk:10.0.401-noble AS build
# The edge is published as Native AOT (issue 15), which links with clang and needs zlib's headers.
RUN apt-get update && apt-get install -y --no-install-recommends clang zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Aicq.Protocol/Aicq.Protocol.csproj src/Aicq.Protocol/
COPY src/Aicq.ServiceDefaults/Aicq.ServiceDefaults.csproj src/Aicq.ServiceDefaults/
COPY src/Aicq.Edge/Aicq.Edge.csproj src/Aicq.Edge/
RUN dotnet restore src/Aicq.Edge/Aicq.Edge.csproj -r linux-x64
COPY src/Aicq.Protocol/ src/Aicq.Protocol/
COPY src/Aicq.ServiceDefaults/ src/Aicq.ServiceDefaults/
COPY src/Aicq.Edge/ src/Aicq.Edge/
RUN dotnet publish src/Aicq.Edge/Aicq.Edge.csproj -c Release -r linux-x64 -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12-noble AS runtime
ARG VERSION=dev
ARG COMMIT=unknown
ENV AICQ_VERSION=$VERSION \
    AICQ_COMMIT=$COMMIT \
    ENV=production \
    LOG_FORMAT=json \
    EDGE_BIND_ADDRESS=0.0.0.0 \
    EDGE_HTTPS_PORT=8443 \
    EDGE_HTTP_PORT=8080 \
    EDGE_INTERNAL_BIND_ADDRESS=0.0.0.0 \
    EDGE_INTERNAL_PORT=9092 \
    TLS_CERT_PATH=/etc/aicq/tls/server.crt \
    TLS_KEY_PATH=/etc/aicq/tls/server.key
WORKDIR /app
COPY --from=build /app ./
COPY deploy/docker/healthcheck.sh /usr/local/bin/aicq-healthcheck
# Owned by the runtime user, so a fresh volume mounted here inherits it and --make-dev-cert can write.
RUN mkdir -p /etc/aicq/tls && chown "$APP_UID" /etc/aicq/tls
USER $APP_UID
EXPOSE 8443 8080 9092
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 CMD aicq-healthcheck "$EDGE_INTERNAL_PORT"
# A native binary: the image's .NET runtime is not used by the edge (its base stays the ASP.NET image for bash and the user).
ENTRYPOINT ["/app/Aicq.Edge"]
