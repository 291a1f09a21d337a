# Stand-in for prom/prometheus:v2.53.2 (README.md here lists the contract and how it differs).
FROM aicq-standin/debian-services
# Debian installs /usr/bin/prometheus, which is /bin/prometheus (merged /usr).
RUN mkdir -p /prometheus && chown nobody:nogroup /prometheus
USER nobody
WORKDIR /prometheus
EXPOSE 9090
ENTRYPOINT ["/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
