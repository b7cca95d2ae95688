import { describe, expect, it } from 'vitest';
import { ContentError } from '../../../src/lib/content/diagnostics.ts';
import { parseDataFile, readDataFile } from '../../../src/lib/extract/data-file.ts';
import { abbreviationsFileSchema, titlesFileSchema, unitsFileSchema } from '../../../src/lib/extract/lexicon-schema.ts';

function problems(source: string, schema: Parameters<typeof parseDataFile>[2]): { line?: number; field?: string; message: string }[] {
  try {
    parseDataFile(source, 'data/x.yaml', schema);
  } catch (err) {
    expect(err).toBeInstanceOf(ContentError);
    return (err as ContentError).diagnostics.map((d) => ({ line: d.line, field: d.field, message: d.message }));
  }
  return [];
}

describe('lexicon data files', () => {
  it('in data/ all pass their schemas', () => {
    expect(readDataFile('units.yaml', unitsFileSchema).heads.length).toBeGreaterThan(10);
    expect(readDataFile('titles.yaml', titlesFileSchema).titles.length).toBeGreaterThan(50);
    expect(readDataFile('abbreviations.yaml', abbreviationsFileSchema).abbreviations.length).toBeGreaterThan(20);
  });

  it('report every wrong field at once, with its line', () => {
    const source = [
      'titles:',
      '  - { name: Giám đốc }',
      '  - { name: Thủ tướng, foreignUnit: Chính phủ }',
      '  - { nam: Bí thư }',
      'honorifics: [ông, bà]',
    ].join('\n');
    expect(problems(source, titlesFileSchema)).toEqual([
      { line: 3, field: 'titles.1.foreignUnit', message: 'foreignUnit needs "{country}"' },
      { line: 4, field: 'titles.2.name', message: 'Invalid input: expected string, received undefined' },
      { line: 4, field: 'titles.2', message: 'Unrecognized key: "nam"' },
    ]);
  });

  it('report a YAML syntax error with its line', () => {
    expect(problems('abbreviations:\n  - { abbr: UBND, expansion: Ủy ban nhân dân\n', abbreviationsFileSchema)[0]?.message).toMatch(/^YAML syntax/);
  });

  it('require the Party committee of every place kind', () => {
    const found = problems('levelWords: []\ncommitteeOfKind:\n  city: Thành ủy\nheads: []\nsubBodies: []\ncentralCommittee: X\nnational: []\n', unitsFileSchema);
    expect(found.some((p) => p.field?.startsWith('committeeOfKind') && p.line === 3)).toBe(true);
  });
});
