# One image for every churnwatch service and command; compose picks the entry point.
# Node 24 runs the TypeScript sources directly (type stripping): there is no build step.
FROM node:24-bookworm-slim
ENV CI=true NODE_ENV=production
RUN npm install --global --no-fund --no-audit pnpm@10.34.9
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile --prod && chown -R node:node /app
USER node
EXPOSE 9464
CMD ["node", "packages/cli/src/main.ts", "help"]
