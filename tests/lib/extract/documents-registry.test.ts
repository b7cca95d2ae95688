import { describe, expect, it } from 'vitest';
import { ContentError, formatDiagnostic } from '../../../src/lib/content/diagnostics.ts';
import { loadDocumentRegistry, parseDocumentRegistry, termAt } from '../../../src/lib/extract/document-registry.ts';
import { slugify } from '../../../src/lib/text/slug.ts';

const HEADER = `terms:
  - { term: XI, from: 2011-01-19 }
  - { term: XII, from: 2016-01-28 }
documents:
`;

function messages(source: string): string[] {
  try {
    parseDocumentRegistry(source, 'data/documents.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).diagnostics.map(formatDiagnostic);
  }
  throw new Error('expected the registry to be rejected');
}

const GOOD = `  - id: chi-thi-05-ct-tw-khoa-xii
    kind: chỉ thị
    name: Chỉ thị 05-CT/TW
    code: 05-CT/TW
    issuer: Bộ Chính trị
    term: XII
    date: 2016-05-15
    title: Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
    aliases: []
    replacedBy: null
`;

describe('the registry in data/documents.yaml', () => {
  it('loads, and indexes every document by id and code', () => {
    const registry = loadDocumentRegistry();
    expect(registry.documents.length).toBeGreaterThanOrEqual(25);
    for (const doc of registry.documents) {
      expect(registry.byId.get(doc.id)).toBe(doc);
      if (doc.code) expect(registry.byCode.get(doc.code)).toContain(doc);
      if (doc.replacedBy) expect(registry.byId.has(doc.replacedBy)).toBe(true);
    }
    expect(registry.byCode.get('12-NQ/TW')!.map((d) => d.term)).toEqual(['XI', 'XII']);
    expect(loadDocumentRegistry()).toBe(registry); // memoised
  });

  it('gives central Party documents ids in the scheme the extractor uses for unknown ones', () => {
    for (const doc of loadDocumentRegistry().documents) {
      if (!doc.code || !doc.term || doc.parsedCode?.issuerCode !== 'TW') continue;
      expect(doc.id).toBe(`${doc.kind}-${slugify(doc.code)}-khoa-${doc.term.toLowerCase()}`);
    }
  });

  it('turns a date into a term', () => {
    const registry = loadDocumentRegistry();
    expect(termAt(registry, '2016-01-27')).toBe('XI');
    expect(termAt(registry, '2016-01-28')).toBe('XII');
    expect(termAt(registry, '2021-10-25')).toBe('XIII');
    expect(termAt(registry, '1990-01-01')).toBeNull();
  });

  it('accepts a well-formed entry', () => {
    expect(parseDocumentRegistry(HEADER + GOOD, 'x.yaml').documents[0]!.code).toBe('05-CT/TW');
  });
});

describe('a bad entry fails with file:line and what to fix', () => {
  it('names the line of each bad field, all problems at once', () => {
    const bad = GOOD
      .replace('kind: chỉ thị', 'kind: công văn')
      .replace('code: 05-CT/TW', 'code: 05 CT TW')
      .replace('date: 2016-05-15', 'date: 15/5/2016');
    const found = messages(HEADER + bad);
    expect(found).toEqual([
      expect.stringMatching(/^data\/documents\.yaml:6 \[documents\[0\]\.kind\]: unknown kind/),
      expect.stringMatching(/^data\/documents\.yaml:8 \[documents\[0\]\.code\]: is not a document code/),
      expect.stringMatching(/^data\/documents\.yaml:11 \[documents\[0\]\.date\]: must be a date YYYY-MM-DD/),
    ]);
  });

  it('rejects duplicate ids, unknown replacements, unknown fields and missing names', () => {
    const second = GOOD.replace('replacedBy: null', 'replacedBy: chi-thi-99-khong-co');
    const third = GOOD.replace('id: chi-thi-05-ct-tw-khoa-xii', 'id: Chỉ thị 05').replace('    name: Chỉ thị 05-CT/TW\n', '    nmae: Chỉ thị 05-CT/TW\n');
    const found = messages(HEADER + GOOD + second + third);
    expect(found).toContainEqual(expect.stringMatching(/:25 \[documents\[2\]\.id\]: must be an ASCII slug/));
    expect(found).toContainEqual(expect.stringMatching(/:25 \[documents\[2\]\]: Unrecognized key: "nmae"/));
    expect(found).toContainEqual(expect.stringMatching(/:25 \[documents\[2\]\.name\]: /));
    expect(found).toContainEqual(expect.stringMatching(/:15 \[id\]: duplicate id "chi-thi-05-ct-tw-khoa-xii" \(first at line 5\)/));
    expect(found).toContainEqual(expect.stringMatching(/:15 \[replacedBy\]: "chi-thi-99-khong-co" is not the id of a document/));
  });

  it('reports YAML syntax errors with their line', () => {
    const found = messages(HEADER + GOOD + '  - id: [unclosed\n');
    expect(found[0]).toMatch(/^data\/documents\.yaml:\d+: YAML syntax/);
  });

  it('rejects two documents claiming the same plenum phrase', () => {
    const a = GOOD.replace('kind: chỉ thị', 'kind: nghị quyết').replace('term: XII', 'term: XII\n    plenum: 4');
    const b = a.replace('id: chi-thi-05-ct-tw-khoa-xii', 'id: nghi-quyet-05-nq-tw-khoa-xii').replace('05-CT/TW', '05-NQ/TW');
    expect(messages(HEADER + a + b)).toContainEqual(expect.stringMatching(/\[plenum\]: plenum 4 khóa XII already names "chi-thi-05-ct-tw-khoa-xii"/));
  });

  it('names the file when it cannot be read', () => {
    expect(() => loadDocumentRegistry('data/no-such-registry.yaml')).toThrow(/data\/no-such-registry\.yaml: cannot read the document registry/);
  });
});
