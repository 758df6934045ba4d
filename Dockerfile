# Loupe server image: build with the Swift toolchain, run on plain Ubuntu.
#
#   docker build -t loupe .
#   docker run -p 8080:8080 -v loupe-data:/var/lib/loupe loupe
#
# Package.swift declares swift-tools-version 6.2, so the build image must be Swift 6.2 or later
# (the project is developed on 6.3). Both stages are Ubuntu 24.04 (noble) so the binary runs
# against the glibc it was linked with.
ARG SWIFT_IMAGE=swift:6.3-noble
ARG RUNTIME_IMAGE=ubuntu:noble

# ================================
# Build
# ================================
FROM ${SWIFT_IMAGE} AS build

# CSQLite is a system library target (`link "sqlite3"`): it needs sqlite3.h to build.
RUN export DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends libsqlite3-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /build

# Resolve dependencies in their own layer, reused while the manifest does not change.
COPY ./Package.* ./
RUN swift package resolve

COPY . .

RUN swift build -c release --product loupe --static-swift-stdlib

# Stage what the runtime needs. The server finds its web UI and OpenAPI document in
# `loupe_LoupeHTTP.resources/` beside the executable (WebAssets.swift, OpenAPIDocument.swift),
# so the bundle must sit next to the binary.
WORKDIR /staging
RUN bin="$(swift build -c release --package-path /build --show-bin-path)" \
    && cp "$bin/loupe" ./ \
    && cp -R "$bin/loupe_LoupeHTTP.resources" ./ \
    && chmod -R a-w ./loupe_LoupeHTTP.resources \
    && cp /usr/libexec/swift/linux/swift-backtrace-static ./

# ================================
# Run
# ================================
FROM ${RUNTIME_IMAGE}

# Besides the Swift runtime (linked in by --static-swift-stdlib), a local build of loupe links
# glibc, libstdc++, libgcc_s, zlib and SQLite (libsqlite3-0). ca-certificates: TLS to webhook
# receivers, attachment hosts and SMTP relays. tzdata: time zones. curl: only for HEALTHCHECK.
# Nothing imports FoundationNetworking or FoundationXML, so libcurl4/libxml2 are not needed by
# Loupe itself.
RUN export DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true \
    && apt-get -q update \
    && apt-get -q dist-upgrade -y \
    && apt-get -q install -y --no-install-recommends \
        ca-certificates \
        tzdata \
        libsqlite3-0 \
        libstdc++6 \
        libgcc-s1 \
        zlib1g \
        curl \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --user-group --home-dir /var/lib/loupe --no-create-home \
        --shell /usr/sbin/nologin loupe \
    && mkdir -p /var/lib/loupe \
    && chown loupe:loupe /var/lib/loupe \
    && chmod 0750 /var/lib/loupe

WORKDIR /app
COPY --from=build --chown=root:root /staging /app

# Settings are LOUPE_* variables (see README, "Configuration"); these make the container listen
# on every interface and keep its data (SQLite file and uploads) in the volume.
ENV LOUPE_HOST=0.0.0.0 \
    LOUPE_PORT=8080 \
    LOUPE_DATA_DIR=/var/lib/loupe \
    SWIFT_BACKTRACE=enable=yes,sanitize=yes,threads=all,images=all,interactive=no,swift-backtrace=/app/swift-backtrace-static

VOLUME /var/lib/loupe
EXPOSE 8080
USER loupe:loupe

HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${LOUPE_PORT:-8080}/health/ready" || exit 1

# An absolute path: the server looks for its resource bundle beside argv[0].
# SIGTERM (docker stop) drains the node, then lets in-flight requests finish before exiting.
ENTRYPOINT ["/app/loupe"]
CMD ["serve"]
