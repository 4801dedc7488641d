# chatcrm production image: compiled server (node dist/server/main.js), the mini-program's H5 build at /m/,
# data files the server reads at run time (locales, rule defaults, emulator page). Configure with env variables.
#   docker build -t chatcrm .                                  (add --build-arg BUILD_MINIAPP=false to skip the H5 build)
#   docker run -p 3000:3000 -e DATABASE_URL=mysql://user:pass@host:3306/chatcrm chatcrm
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund
ARG BUILD_MINIAPP=true
# Taro's lock file does not `npm ci` (platform-only optional packages): the miniapp uses `npm install`.
RUN if [ "$BUILD_MINIAPP" = "true" ]; then npm run miniapp:install && npm run miniapp:build:h5; fi && mkdir -p miniapp/dist/h5

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/locales ./locales
COPY --from=build /app/server/rules/defaults ./server/rules/defaults
COPY --from=build /app/bot/platforms/emulator/page ./bot/platforms/emulator/page
COPY --from=build /app/miniapp/dist/h5 ./miniapp/dist/h5
# The embedded database (when DATABASE_URL is not a MySQL URL) lives in /app/data: mount a volume there.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/server/main.js"]
