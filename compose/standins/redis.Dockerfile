# Stand-in for redis:7.2.5-bookworm (README.md here lists the contract and how it differs).
FROM aicq-standin/debian-services
# The real image's data directory, owned by its redis uid and gid (999), as the working directory.
RUN mkdir -p /data && chown 999:999 /data
WORKDIR /data
EXPOSE 6379
CMD ["redis-server"]
