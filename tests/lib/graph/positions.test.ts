import { describe, expect, it } from 'vitest';
import { positionsOf } from '../../../src/lib/graph/positions.ts';
import type { KbRole } from '../../../src/lib/model/kb.ts';

const role = (title: string, unit: string | null, article: string, date: string | null, former = false): KbRole => ({
  title, unit, unitName: unit ? unit.replace('unit/', '') : null, article, date, ...(former ? { former: true } : {}),
});

const roles: KbRole[] = [
  role('Phó Chủ tịch', 'unit/ubnd-tinh', 'a1', '2015-03-01'),
  role('Chủ tịch', 'unit/ubnd-tinh', 'a2', '2018-05-01'),
  role('Chủ tịch', 'unit/ubnd-tinh', 'a3', '2019-01-01'),
  role('Chủ tịch', 'unit/ubnd-tinh', 'a3', '2019-01-01'),
  role('Bí thư', 'unit/tinh-uy', 'a4', '2021-02-01'),
  role('Chủ tịch', 'unit/ubnd-tinh', 'a4', '2021-02-01', true),
];

describe('positions', () => {
  it('group role mentions by title and unit, most mentioned first, with counts, first and last sightings', () => {
    const ps = positionsOf(roles, () => null);
    expect(ps.map((p) => [p.title, p.unit, p.mentions, p.articles, p.first.date, p.last.date, p.current])).toEqual([
      ['Chủ tịch', 'unit/ubnd-tinh', 4, 3, '2018-05-01', '2021-02-01', false],
      ['Bí thư', 'unit/tinh-uy', 1, 1, '2021-02-01', '2021-02-01', true],
      ['Phó Chủ tịch', 'unit/ubnd-tinh', 1, 1, '2015-03-01', '2015-03-01', true],
    ]);
  });

  it('take an undated role\'s date from its article, and do not depend on the input order', () => {
    const undated = [role('Giám đốc', 'unit/so', 'b1', null), role('Giám đốc', 'unit/so', 'b2', null)];
    const dates: Record<string, string> = { b1: '2010-01-01', b2: '2012-01-01' };
    const ps = positionsOf(undated, (id) => dates[id] ?? null);
    expect([ps[0]!.first, ps[0]!.last]).toEqual([{ article: 'b1', date: '2010-01-01' }, { article: 'b2', date: '2012-01-01' }]);
    expect(positionsOf([...roles].reverse(), () => null)).toEqual(positionsOf(roles, () => null));
  });
});
