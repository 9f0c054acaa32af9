// Seeded mutations of valid messages, for robustness tests: every run sends the same bodies.

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_VALUES: unknown[] = [
  null, true, 0, -1, 1.5, 2 ** 63, '', ' ', 'x'.repeat(5000), '\u0000', '😀', [], {}, [1, 2], { nested: { deep: true } },
  '2026-13-45T99:99:99Z', '00000000-0000-0000-0000-000000000000', 'ABC', '12', '__proto__', { __proto__: { polluted: 1 } },
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => paths(item, [...prefix, key]))];
}

function setAt(root: Json, path: string[], mutate: (parent: Record<string, unknown>, key: string) => void): Json {
  if (path.length === 0) return root;
  let parent = root as Record<string, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  mutate(parent, path.at(-1)!);
  return root;
}

/** One to three random edits of a deep copy: delete, replace with an odd value, or rename a field. */
export function mutate(message: unknown, random: () => number): unknown {
  let copy = JSON.parse(JSON.stringify(message)) as Json;
  const edits = 1 + Math.floor(random() * 3);
  for (let i = 0; i < edits; i++) {
    const all = paths(copy);
    const path = all[Math.floor(random() * all.length)]!;
    if (path.length === 0) {
      copy = ODD_VALUES[Math.floor(random() * ODD_VALUES.length)] as Json;
      continue;
    }
    const choice = random();
    copy = setAt(copy, path, (parent, key) => {
      if (choice < 0.3) delete parent[key];
      else if (choice < 0.9) parent[key] = ODD_VALUES[Math.floor(random() * ODD_VALUES.length)];
      else {
        parent[`${key}_x`] = parent[key];
        delete parent[key];
      }
    });
    if (copy === null || typeof copy !== 'object') break;
  }
  return copy;
}

/** Raw bodies that are not valid JSON objects at all. */
export const RAW_BODIES: string[] = [
  '', ' ', '{', '}', '[', '{"id":', '{"id": "x",}', 'null', 'true', '42', '"text"', '[]', '[{}]', '{}',
  '{"__proto__": {"isAdmin": true}}', '{"constructor": {"prototype": {"x": 1}}}', '\u0000\u0001\u0002',
  '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}', '\ufeff{}', '{"id": "\\ud800"}', 'NaN', '{"amount": 1e999}',
];
