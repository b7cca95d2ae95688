/**
 * The search page's decisions that need no browser: whether a long query is
 * searched in the core at all (mayNameCorePage), and the order runPlan gives
 * the pages a document key finds. Pagefind is replaced by a recording stub.
 */
import { describe, expect, it } from 'vitest';
import { mayNameCorePage, runPlan } from '../../src/client/search.ts';
import { planSearch } from '../../src/lib/search/query.ts';

function stubPagefind(hits: Record<string, string[]>) {
  const asked: string[] = [];
  return {
    asked,
    api: {
      async search(term: string | null) {
        asked.push(term ?? '');
        const ids = hits[term ?? ''] ?? [];
        return { results: ids.map((id) => ({ id, score: 1, data: async () => ({ url: `/${id}/`, excerpt: '', meta: { title: id } }) })) };
      },
      async preload() {},
    },
  };
}

describe('mayNameCorePage', () => {
  it('asks only the whole-name key of a long query, and lets a short one or a document code through unasked', async () => {
    const long = planSearch('thieu ta quan y lua dao nong dan');
    const none = stubPagefind({});
    expect(await mayNameCorePage(none.api, long, {})).toBe(false);
    expect(none.asked).toEqual([long.name]);

    const named = planSearch('uy ban nhan dan tinh');
    const some = stubPagefind({ [named.name!]: ['ubnd-quang-ninh'] });
    expect(await mayNameCorePage(some.api, named, {})).toBe(true);

    const quiet = stubPagefind({});
    expect(await mayNameCorePage(quiet.api, planSearch('quoc hoi'), {})).toBe(true);
    expect(await mayNameCorePage(quiet.api, planSearch('chi thi 05 cua bo chinh tri'), {})).toBe(true);
    expect(quiet.asked).toEqual([]);
    // Longer than any name: no key, and no core search.
    expect(await mayNameCorePage(quiet.api, planSearch('mot hai ba bon nam sau bay tam chin muoi muoi mot'), {})).toBe(false);
  });
});

describe('runPlan', () => {
  it('puts the pages a document key finds first, those the words find too before the others', async () => {
    const plan = planSearch('nghị quyết 36 về người Việt Nam ở nước ngoài');
    expect(plan.keys.length).toBe(1);
    const { api } = stubPagefind({ [plan.keys[0]!]: ['nq36-2009', 'nq36-tw'], [plan.text]: ['bai-viet', 'nq36-tw'] });
    const { results } = await runPlan(api, plan, {});
    expect(results.map((r) => r.id)).toEqual(['nq36-tw', 'nq36-2009', 'bai-viet']);
  });
});
