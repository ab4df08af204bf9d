# Relay as a container: Deno from its npm package (no download from elsewhere), the islands
# built with `deno task build`, dependencies cached at build time, and a non-root user.
#   docker build -t relay .
#   docker compose up        (see compose.yaml and docs/deployment.md)

FROM node:20-bookworm-slim AS deno
ARG DENO_VERSION=2.9.6
WORKDIR /opt/deno
# The npm package's postinstall puts the platform binary (x64 or arm64, glibc) at node_modules/deno/deno.
RUN npm install --no-save --no-audit --no-fund "deno@${DENO_VERSION}" \
  && cp node_modules/deno/deno /usr/local/bin/deno \
  && /usr/local/bin/deno --version

FROM debian:bookworm-slim AS build
COPY --from=deno /usr/local/bin/deno /usr/local/bin/deno
ENV DENO_DIR=/app/.deno
WORKDIR /app
COPY . .
RUN deno install --frozen \
  && deno task build \
  && deno cache main.ts

FROM debian:bookworm-slim
COPY --from=deno /usr/local/bin/deno /usr/local/bin/deno
RUN groupadd --system --gid 10001 relay \
  && useradd --system --uid 10001 --gid relay --home-dir /app --shell /usr/sbin/nologin relay
WORKDIR /app
COPY --from=build --chown=relay:relay /app /app
ENV DENO_ENV=production \
  DENO_DIR=/app/.deno \
  DENO_NO_UPDATE_CHECK=1 \
  HOSTNAME=0.0.0.0 \
  PORT=8000 \
  DATA_DIR=/app/data
USER relay
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["deno", "eval", "const r = await fetch('http://127.0.0.1:8000/healthz'); Deno.exit(r.ok ? 0 : 1)"]
# SIGTERM starts a graceful shutdown (streams end with a retry hint, requests finish).
STOPSIGNAL SIGTERM
CMD ["deno", "run", "-A", "--cached-only", "main.ts"]
