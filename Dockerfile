# One image for every churnwatch service and command; the command picks the entry file, e.g.
#   docker run churnwatch:local services/usage-monitor/src/main.ts
# Node 24 runs the TypeScript sources directly (type stripping): there is no build step, only the
# install of the production dependencies, done once in the first stage.

# --- dependencies: pnpm fetches the production packages by the lockfile alone (a cached layer
# until the lockfile changes), then installs them offline for the workspace.
FROM node:24-bookworm-slim AS dependencies
ENV CI=true NODE_ENV=production
RUN npm install --global --no-fund --no-audit pnpm@10.34.9
WORKDIR /app
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY patches/ patches/
RUN pnpm fetch --prod
COPY . .
RUN pnpm install --offline --frozen-lockfile --prod

# --- runtime: Node and the app, nothing to build or install with (npm, corepack and yarn are
# removed), files owned by root and read-only to the non-root user that runs them.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /opt/yarn-* /usr/local/bin/yarn /usr/local/bin/yarnpkg
WORKDIR /app
COPY --from=dependencies /app /app
USER node
EXPOSE 9464
# Every service answers /healthz on CHURNWATCH_METRICS_PORT (9464 unless moved).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=4 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.CHURNWATCH_METRICS_PORT||9464)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node is PID 1 itself, so `docker stop`'s SIGTERM reaches the service's orderly shutdown.
ENTRYPOINT ["node"]
CMD ["packages/cli/src/main.ts", "help"]
