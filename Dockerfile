# syntax=docker/dockerfile:1

# Both stages start from node:24-bookworm-slim pinned by digest: the multi-platform index recorded
# by docker-library/repo-info (repos/node/remote/24-bookworm-slim.md; Node 24.18.1). Dependabot
# (.github/dependabot.yml, docker ecosystem) proposes the next digest as a reviewed pull request.

# Build stage: install, bundle, then pack exactly the files npm would publish. It needs nothing but
# the npm registry: no DevRev download and no ../shared (docs/deployment.md, "How this is tested").
FROM node:24-bookworm-slim@sha256:235600a8101ab264e117b1768e925532262668dc9b581ef1dd7d96ced463b8e7 AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts skips the prepare script, which generates DevRev's API types from its OpenAPI
# spec: the bundle does not need them (app code imports them with `import type` only, which esbuild
# erases). esbuild still works: its binary comes from the @esbuild/linux-* package, not postinstall.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# npm pack runs prepack (build, then keep only shipped scripts in package.json) and postpack;
# prepare skips itself while packing.
RUN npm pack --pack-destination /tmp \
  && mkdir /pkg \
  && tar -xzf /tmp/devrev-mcp-server-*.tgz -C /pkg --strip-components=1 \
  && cp package-lock.json /pkg/

# Runtime stage: the packed files plus production dependencies pinned by the lockfile; no
# sources, tests, specs or dev tools. test/infra/production-install.test.ts repeats these steps.
FROM node:24-bookworm-slim@sha256:235600a8101ab264e117b1768e925532262668dc9b581ef1dd7d96ced463b8e7 AS runtime
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="devrev-mcp-server" \
  org.opencontainers.image.description="MCP server for DevRev (Streamable HTTP)" \
  org.opencontainers.image.licenses="MIT" \
  org.opencontainers.image.version="${VERSION}" \
  org.opencontainers.image.revision="${REVISION}"
ENV NODE_ENV=production \
  MCP_TRANSPORT=streamable-http \
  MCP_HOST=0.0.0.0 \
  MCP_LOG_FORMAT=json \
  NODE_COMPILE_CACHE=/app/.cache/node-compile
WORKDIR /app
COPY --from=build /pkg/ ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && npm cache clean --force \
  && mkdir -p /app/.cache/node-compile \
  && chown 1000:1000 /app/.cache/node-compile
# Files stay root-owned: the server cannot rewrite its own code (only V8's cache of it, which V8
# checks against the source before use). 1000 is the base image's `node` user (the USER below).
USER node
# V8's code cache for the bundle, written once at build by the user the server runs as (Node keys
# the cache directory by uid): a cold instance reads compiled code instead of compiling 2.6 MB of
# JavaScript, about 44 ms of a 320 ms start on Node 24 (docs/performance.md).
RUN node /app/dist/cli.js --version
# Cloud Run sets PORT (8080 by default); the server listens on it.
EXPOSE 8080
# V8 flags (they cannot go in NODE_OPTIONS): a smaller young generation and an old generation grown
# by 30% at a time keep RSS near 110 MB under load instead of 155-195 MB (docs/performance.md).
ENTRYPOINT ["node", "--max-semi-space-size=4", "--heap-growing-percent=30", "/app/dist/cli.js"]
CMD ["--transport", "streamable-http", "--host", "0.0.0.0"]
