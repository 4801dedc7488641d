// The mini-program's H5 build (miniapp/dist/h5) served at /m/, so WeCom and DingTalk can open it as an
// in-app page from the same origin as the API. Absent build → the routes stay quiet (404 like any path).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Router from '@koa/router';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.txt': 'text/plain; charset=utf-8',
};

/** The build directory: from the source tree (tsx) or from compiled output (dist/server/http/routes). */
export function defaultH5Dir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [join(here, '..', '..', '..', 'miniapp', 'dist', 'h5'), join(here, '..', '..', '..', '..', 'miniapp', 'dist', 'h5')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[0];
}

export function miniappStaticRouter(dir = defaultH5Dir()): Router {
  const root = normalize(dir) + sep;
  const router = new Router();
  router.get(['/m', '/m/{*rest}'], async (ctx) => {
    if (ctx.path === '/m') { ctx.status = 301; ctx.redirect('/m/'); return; }
    // The build may appear after the server started (CI builds it once): look each time, it is one stat.
    const rel = decodeURIComponent(ctx.path.slice(3)) || 'index.html';
    const file = normalize(join(root, rel));
    if (!file.startsWith(root)) { ctx.status = 404; return; }
    let st;
    try { st = statSync(file); } catch { st = null; }
    const target = st?.isFile() ? file : !extname(rel) && existsSync(join(root, 'index.html')) ? join(root, 'index.html') : null;
    if (!target) { ctx.status = 404; ctx.body = { error: { code: 'not_found', message: 'Not found' } }; return; }
    ctx.type = TYPES[extname(target)] ?? 'application/octet-stream';
    // Hashed assets never change; index.html must be re-read so a new build is picked up at once.
    ctx.set('Cache-Control', target.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    ctx.body = createReadStream(target);
  });
  return router;
}
