/** Builds the default seed site once before the browser tests (tests/e2e/*.test.ts read .cache/e2e/seeds). */
import { buildSite } from './support/site.ts';

export default function setup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return; // for fast local iteration on an existing build
  buildSite({ name: 'seeds', contentDir: 'content' });
}
