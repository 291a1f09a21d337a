# Stand-in for oliver006/redis_exporter:v1.62.0 (README.md here lists the contract and how it differs).
FROM aicq-standin/debian-services
RUN ln -s /usr/bin/prometheus-redis-exporter /redis_exporter
USER 59000:59000
EXPOSE 9121
ENTRYPOINT ["/redis_exporter"]
