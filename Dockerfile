# Nämndbot in a container: the locked dependency set, a non-root user, the data as a volume.
#   docker build -t namndbot .
#   docker run -d --name namndbot --env-file .env -v namndbot-data:/data \
#     -v "$PWD/sources.toml:/config/sources.toml:ro" namndbot
# See README, "Running for real".

# The base image by digest (the multi-platform index of python:3.11-slim, as docker-library's
# repo-info lists it), so a rebuild gets the same image; renew the digest to take updates.
FROM python:3.11-slim@sha256:90744cff8f32887f075c47d747a173ff333e9e98801667af93c357fa9f5e28ff AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/namndbot
COPY requirements.lock /tmp/requirements.lock
# Every package pinned with its hashes, the build backend (setuptools) among them; the project
# itself without dependencies and built by that locked setuptools (no build isolation).
RUN /opt/namndbot/bin/pip install --require-hashes --no-deps -r /tmp/requirements.lock
# The checkout without tests, benchmarks and local state (see .dockerignore).
COPY . /src
RUN /opt/namndbot/bin/pip install --no-deps --no-build-isolation /src

FROM python:3.11-slim@sha256:90744cff8f32887f075c47d747a173ff333e9e98801667af93c357fa9f5e28ff
ENV PATH=/opt/namndbot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DATABASE_PATH=/data/namndbot.sqlite3 \
    SOURCES_FILE=/config/sources.toml \
    HTTP_PORT=8080 \
    HTTP_HOST=0.0.0.0
COPY --from=build /opt/namndbot /opt/namndbot
RUN useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin namndbot \
    && mkdir -p /data /config && chown namndbot:namndbot /data
USER namndbot
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
# The bot's own check: its /healthz (sources polled lately, outbox not stuck).
HEALTHCHECK --interval=60s --timeout=10s --start-period=120s --retries=3 \
    CMD ["namndbot", "doctor", "--live"]
ENTRYPOINT ["namndbot"]
CMD ["run"]
