/**
 * Positions (issue 14, item 15): a person's role mentions grouped into the
 * offices they held — one per title and unit — with how often and when the
 * articles show each. kb.json carries them (`entity.positions`) and the person
 * page lists them; both come from this one function.
 */
import type { KbPosition, KbRole } from '../model/kb.ts';
import { compareVi } from '../text/collate.ts';

/** Latest first, undated last. */
export function compareDatesDesc(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? 1 : -1;
}

/** One office: the same title in the same unit (by id when known, else by the name written). */
export function positionKey(r: Pick<KbRole, 'title' | 'unit' | 'unitName'>): string {
  return `${r.title}\u0000${r.unit ?? r.unitName ?? ''}`;
}

/** Earlier first; undated after dated; then by article id, so the result never depends on input order. */
function earlier(a: { article: string; date: string | null }, b: { article: string; date: string | null }): boolean {
  if (a.date !== b.date) return b.date === null || (a.date !== null && a.date < b.date);
  return a.article < b.article;
}

/**
 * The positions of one person's roles, most mentioned first, then the most
 * recently shown, then by title and unit. `dateOf` gives an article's date when
 * a role carries none. A position is current when its latest mention does not
 * give it as former ("nguyên", "cựu").
 */
export function positionsOf(roles: readonly KbRole[], dateOf: (articleId: string) => string | null): KbPosition[] {
  const byKey = new Map<string, KbPosition & { articleSet: Set<string>; lastFormer: boolean }>();
  for (const r of roles) {
    const key = positionKey(r);
    const seen = { article: r.article, date: r.date ?? dateOf(r.article) };
    let p = byKey.get(key);
    if (!p) {
      p = { title: r.title, unit: r.unit, unitName: r.unitName, mentions: 0, articles: 0, first: seen, last: seen, current: !r.former, articleSet: new Set(), lastFormer: r.former === true };
      byKey.set(key, p);
    }
    p.mentions++;
    p.articleSet.add(r.article);
    if (earlier(seen, p.first)) p.first = seen;
    if (!earlier(seen, p.last) && (seen.article !== p.last.article || seen.date !== p.last.date)) {
      p.last = seen;
      p.lastFormer = r.former === true;
    } else if (seen.article === p.last.article && r.former !== true) {
      p.lastFormer = false; // the latest article also gives it as current
    }
  }
  return [...byKey.values()]
    .map(({ articleSet, lastFormer, ...p }) => ({ ...p, articles: articleSet.size, current: !lastFormer }))
    .sort((a, b) =>
      b.mentions - a.mentions ||
      compareDatesDesc(a.last.date, b.last.date) ||
      compareVi(a.title, b.title) ||
      compareVi(a.unitName ?? '', b.unitName ?? '') ||
      ((a.unit ?? '') < (b.unit ?? '') ? -1 : (a.unit ?? '') > (b.unit ?? '') ? 1 : 0));
}
