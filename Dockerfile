# MPP Digital: one image holding the API and the production builds of the three Angular apps
# (portal, counter, kiosk), all served by the API on one port.
#
#   docker build -t mpp-digital .
#   docker compose up -d        # with PostgreSQL; see docker-compose.yml
#
# Without DATABASE_URL the API starts its embedded PostgreSQL under /app/.data (mount a volume
# there to keep it: docker run -p 3000:3000 -v mpp-data:/app/.data mpp-digital). With DATABASE_URL
# (as in docker-compose.yml) the embedded one is not started. Migrations run at API start.

# Node 22 LTS (Node 20 reached its end of life in April 2026). package.json's engines stay at
# >=20.19 for machines still on 20; `npm run test:node22` runs the tests under this major.

# ---- build: all dependencies, then the API (nest build) and the three apps (ng build) ----------
FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NG_CLI_ANALYTICS=false
# npm 10 (bundled with Node 22) ignores package.json "allowScripts" and runs every install script;
# SCARF_ANALYTICS=false keeps @scarf/scarf's postinstall from reporting home.
COPY package.json package-lock.json ./
RUN SCARF_ANALYTICS=false npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime: production dependencies and the build output only ---------------------------------
FROM node:22-bookworm-slim AS runtime
WORKDIR /app
# MALLOC_ARENA_MAX=2: glibc keeps libvips' freed memory (image re-encodes) in per-thread arenas;
# two keep the peak of 50 uploads at once 35-85 MB lower (docs/files.md).
ENV NODE_ENV=production PORT=3000 MALLOC_ARENA_MAX=2
# argon2 ships prebuilt binaries (no compiler needed); @embedded-postgres/* links its libraries in
# a postinstall, which the embedded database needs when DATABASE_URL is not set.
COPY package.json package-lock.json ./
RUN SCARF_ANALYTICS=false npm ci --omit=dev --no-audit --no-fund \
  && npm cache clean --force \
  && mkdir -p /app/.data \
  && chown node:node /app /app/.data
# dist/apps/api (the API) and dist/apps/{portal,counter,kiosk}/browser (served from APPS_DIR,
# default dist/apps relative to /app).
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node handles SIGTERM itself (main.ts closes the app and the embedded database).
CMD ["node", "--enable-source-maps", "dist/apps/api/apps/api/src/main.js"]
