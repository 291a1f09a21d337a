# Stand-in for prom/blackbox-exporter:v0.25.0 (README.md here lists the contract and how it differs).
# The real image sets no USER (root, for ICMP probes): compose chooses the user.
FROM aicq-standin/debian-services
RUN ln -s /usr/bin/prometheus-blackbox-exporter /bin/blackbox_exporter
EXPOSE 9115
ENTRYPOINT ["/bin/blackbox_exporter"]
CMD ["--config.file=/etc/blackbox_exporter/config.yml"]
