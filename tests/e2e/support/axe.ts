/**
 * axe-core's violations on the page as it stands ("id (n nodes)"). The page
 * must have been opened with bypassCSP: the site's Content-Security-Policy
 * would (rightly) block the injected axe script.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const r = await axe.run();
    return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}
