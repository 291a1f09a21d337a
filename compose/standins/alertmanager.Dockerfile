# Stand-in for prom/alertmanager:v0.27.0 (README.md here lists the contract and how it differs).
FROM aicq-standin/debian-services
RUN ln -s /usr/bin/prometheus-alertmanager /bin/alertmanager \
 && mkdir -p /alertmanager && chown nobody:nogroup /alertmanager
USER nobody
WORKDIR /alertmanager
EXPOSE 9093
ENTRYPOINT ["/bin/alertmanager"]
CMD ["--config.file=/etc/alertmanager/alertmanager.yml", "--storage.path=/alertmanager"]
