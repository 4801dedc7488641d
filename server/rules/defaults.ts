// The rule sets we ship (server/rules/defaults/*.json); a company overrides them through settings.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// Compiled output sits in dist/server/rules; the JSON files stay in the source tree.
const candidates = [join(here, 'defaults'), join(here, '..', '..', '..', 'server', 'rules', 'defaults')];

const loaded = new Map<string, unknown>();

/** The shipped JSON of a rule set, read once. */
export function defaultRuleSet(name: string): unknown {
  if (!loaded.has(name)) {
    const dir = candidates.find((d) => existsSync(join(d, `${name}.json`)));
    if (!dir) throw new Error(`no default rule set ${name}`);
    loaded.set(name, JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')));
  }
  return structuredClone(loaded.get(name));
}
