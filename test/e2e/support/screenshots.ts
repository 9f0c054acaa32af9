import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..', '..', '..');

// Every e2e run keeps its screenshots in test-results/; `npm run screenshots` also refreshes the ones in docs/.
export async function screenshot(page: Page, name: string): Promise<Buffer> {
  const png = await page.screenshot({ fullPage: false });
  const folders = [join(ROOT, 'test-results', 'screenshots')];
  if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') folders.push(join(ROOT, 'docs', 'screenshots'));
  for (const folder of folders) {
    mkdirSync(folder, { recursive: true });
    await page.screenshot({ path: join(folder, `${name}.png`) });
  }
  return png;
}
