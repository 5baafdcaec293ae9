# syntax=docker/dockerfile:1

# Build stage: install everything, bundle, then pack exactly the files npm would publish.
FROM node:24-bookworm-slim AS build
WORKDIR /src
# `npm ci` runs the prepare script, which generates DevRev types from the OpenAPI spec and downloads it unless this
# points at a copy inside the build context. The types are build-time only.
ARG DEVREV_OPENAPI_DIR=""
COPY package.json package-lock.json ./
COPY scripts/ ./scripts/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
  && npm pack --ignore-scripts --pack-destination /tmp \
  && mkdir /pkg \
  && tar -xzf /tmp/devrev-mcp-server-*.tgz -C /pkg --strip-components=1 \
  && cp package-lock.json /pkg/

# Runtime stage: the packed files plus production dependencies pinned by the lockfile; no
# sources, tests, specs or dev tools. test/infra/production-install.test.ts repeats these steps.
FROM node:24-bookworm-slim AS runtime
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
  MCP_LOG_FORMAT=json
WORKDIR /app
COPY --from=build /pkg/ ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && npm cache clean --force
# Files stay root-owned: the server cannot rewrite its own code.
USER node
# Cloud Run sets PORT (8080 by default); the server listens on it.
EXPOSE 8080
ENTRYPOINT ["node", "/app/dist/cli.js"]
CMD ["--transport", "streamable-http", "--host", "0.0.0.0"]
