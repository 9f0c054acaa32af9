import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// A user's clone has nothing beside it: the README and the manuals link only files inside the repository, and each
// of those links resolves.

const ROOT = resolve(import.meta.dirname, '..', '..');
const PAGES = ['README.md', 'partner/README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** The targets of Markdown links and images, without #anchors; web addresses left out. */
function linkTargets(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]!);
  return targets.filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#')).map((target) => target.split('#')[0]!);
}

describe('the README and the manuals', () => {
  it.each(PAGES)('%s links only files inside the repository, and every one exists', (page) => {
    const text = readFileSync(join(ROOT, page), 'utf8');
    expect(text).not.toMatch(/\.\.\/shared|shared\/spec|flows\.md/);
    for (const target of linkTargets(text)) {
      const file = resolve(dirname(join(ROOT, page)), target);
      expect(relative(ROOT, file).startsWith('..'), `${page} → ${target} leaves the repository`).toBe(false);
      expect(existsSync(file), `${page} → ${target} does not exist`).toBe(true);
    }
  });

  it('the README is a front page: the two commands, and a link to each manual', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
    for (const manual of ['cashiers', 'retailers', 'hub', 'security', 'packaging', 'protocol']) {
      expect(readme).toContain(`(docs/${manual}.md)`);
    }
    expect(readme.split('\n').length).toBeLessThan(120);
  });
});
