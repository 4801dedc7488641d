// The mini-program's H5 build for browser tests and the P5 benchmark: built once when missing or older than
// its sources (CI builds it in .ci/run before the tests, so this is a no-op there).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));
export const MINIAPP = join(REPO, 'miniapp');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((n) => newest(join(path, n))));
}

/** Newest modification time of everything the build reads. */
export function sourcesMtime(): number {
  return Math.max(
    newest(join(MINIAPP, 'src')), newest(join(MINIAPP, 'config')), newest(join(MINIAPP, 'package.json')),
    newest(join(REPO, 'locales', 'zh-CN', 'miniapp.json')), newest(join(REPO, 'locales', 'en-US', 'miniapp.json')),
  );
}

export function ensureBuild(type: 'h5' | 'weapp' | 'alipay'): string {
  const out = join(MINIAPP, 'dist', type);
  const marker = join(out, type === 'h5' ? 'index.html' : 'app.js');
  if (existsSync(marker) && statSync(marker).mtimeMs >= sourcesMtime()) return out;
  if (!existsSync(join(MINIAPP, 'node_modules', '@tarojs', 'cli'))) {
    throw new Error('miniapp dependencies are not installed: run `npm run miniapp:install` first');
  }
  execFileSync('npx', ['taro', 'build', '--type', type], { cwd: MINIAPP, stdio: 'pipe', timeout: 300_000, env: { ...process.env, NODE_ENV: 'production' } });
  return out;
}

/** Bytes of every file under `dir`, optionally only those outside subpackage roots. */
export function dirBytes(dir: string, skip: (rel: string) => boolean = () => false, rel = ''): number {
  let total = 0;
  for (const name of readdirSync(join(dir, rel))) {
    const r = rel ? `${rel}/${name}` : name;
    if (skip(r)) continue;
    const st = statSync(join(dir, r));
    total += st.isDirectory() ? dirBytes(dir, skip, r) : st.size;
  }
  return total;
}

/** Subpackage roots a mini-program build's app.json declares (weapp and alipay alike), e.g. pages/leaderboard. */
export function weappSubpackageRoots(dir: string): string[] {
  const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  return (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
}

/** Main package = everything outside the subpackage roots; source maps and licence notes are not uploaded. */
export function weappSizes(dir: string): { main: number; total: number; subpackages: Record<string, number> } {
  const roots = weappSubpackageRoots(dir);
  const inSub = (rel: string) => roots.some((r) => rel === r || rel.startsWith(`${r}/`));
  const skip = (rel: string) => rel.endsWith('.map') || rel.endsWith('.LICENSE.txt');
  const subpackages = Object.fromEntries(roots.map((r) => [r, dirBytes(join(dir, r), skip)]));
  return { main: dirBytes(dir, (rel) => skip(rel) || inSub(rel)), total: dirBytes(dir, skip), subpackages };
}
