# Stand-in for prom/node-exporter:v1.8.1 (README.md here lists the contract and how it differs).
FROM aicq-standin/debian-services
RUN ln -s /usr/bin/prometheus-node-exporter /bin/node_exporter
USER nobody
EXPOSE 9100
ENTRYPOINT ["/bin/node_exporter"]
