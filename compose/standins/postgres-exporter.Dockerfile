# Stand-in for quay.io/prometheuscommunity/postgres-exporter:v0.15.0 (README.md here lists the contract).
FROM aicq-standin/debian-services
RUN ln -s /usr/bin/prometheus-postgres-exporter /bin/postgres_exporter
USER nobody
EXPOSE 9187
ENTRYPOINT ["/bin/postgres_exporter"]
