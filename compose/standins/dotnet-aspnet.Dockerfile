# Stand-in for mcr.microsoft.com/dotnet/aspnet:10.0.12-noble: this machine's .NET runtime and shared frameworks
# on Debian bookworm (README.md here lists the contract and how it differs). Context: dotnet/ = host, fxr,
# shared/ of the host's install.
FROM aicq-standin/debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libicu72 libssl3 libstdc++6 tzdata zlib1g \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd -g 1654 app && useradd -u 1654 -g 1654 -m -d /home/app -s /bin/sh app
ENV APP_UID=1654 \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_VERSION=10.0.12 \
    ASPNET_VERSION=10.0.12
COPY dotnet/ /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
