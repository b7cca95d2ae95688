import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadArticles } from '../../../src/lib/content/load.ts';
import type { ArticleFile } from '../../../src/lib/model/article.ts';
import { parseMarkdown } from '../../../src/lib/markdown/parse.ts';
import { articleText } from '../../../src/lib/markdown/text.ts';
import { extractDocuments, type DocumentMentionAttrs } from '../../../src/lib/extract/documents.ts';
import { loadDocumentRegistry, type DocumentRegistry } from '../../../src/lib/extract/document-registry.ts';
import type { Mention } from '../../../src/lib/model/mention.ts';

let registry: DocumentRegistry;
const seeds = new Map<string, ArticleFile>();

beforeAll(async () => {
  registry = loadDocumentRegistry();
  const { articles } = await loadArticles('content');
  for (const a of articles) if (a.importedFrom) seeds.set(a.importedFrom.slice(0, 3), a);
});

function article(body: string, published: string | null = null): ArticleFile {
  return { id: 'test', file: 'test.md', body, bodyLine: 1, hash: '', title: 'Test', published, author: null, source: null, url: null, importedFrom: null };
}

function extract(a: ArticleFile): Mention[] {
  return extractDocuments(a, articleText(parseMarkdown(a.body)), registry);
}

function pairs(mentions: Mention[]): [string, string][] {
  return mentions.map((m) => [m.surface, m.key]);
}

describe('documents in the five seeds', () => {
  it('has the five seeds imported', () => {
    expect([...seeds.keys()].sort()).toEqual(['000', '001', '002', '003', '004']);
  });

  it('seed 000: a plenum of two terms, a conclusion with date and term, a directive by full code', () => {
    expect(pairs(extract(seeds.get('000')!))).toEqual([
      ['Nghị quyết Trung ương 4 (khóa XI, XII)', 'document/nghi-quyet-12-nq-tw-khoa-xi'],
      ['Nghị quyết Trung ương 4 (khóa XI, XII)', 'document/nghi-quyet-04-nq-tw-khoa-xii'],
      ['Kết luận số 21-KL/TƯ', 'document/ket-luan-21-kl-tw-khoa-xiii'],
      ['Chỉ thị số 05-CT/TƯ', 'document/chi-thi-05-ct-tw-khoa-xii'],
    ]);
  });

  it('seed 001: charter, local congress resolution, two plenums, conclusion by plenum, Hà Nội directive by number', () => {
    expect(pairs(extract(seeds.get('001')!))).toEqual([
      ['Điều lệ Đảng', 'document/dieu-le-dang'],
      ['Nghị quyết Đại hội Đảng bộ quận Tây Hồ lần thứ VI', 'document/nghi-quyet-dai-hoi-dang-bo-quan-tay-ho-lan-thu-vi'],
      ['Nghị quyết Trung ương 4 khóa XI, khóa XII', 'document/nghi-quyet-12-nq-tw-khoa-xi'],
      ['Nghị quyết Trung ương 4 khóa XI, khóa XII', 'document/nghi-quyet-04-nq-tw-khoa-xii'],
      ['Kết luận Trung ương 4 khóa XIII', 'document/ket-luan-21-kl-tw-khoa-xiii'],
      ['Chỉ thị số 24 của Ban Thường vụ Thành ủy', 'document/chi-thi-24-ct-tu-thanh-uy-ha-noi-2023'],
    ]);
  });

  it('seed 002: "Chỉ thị số 05 của Bộ Chính trị" is 05-CT/TW', () => {
    expect(pairs(extract(seeds.get('002')!))).toEqual([
      ['Nghị quyết Trung ương 4 khóa XI, XII', 'document/nghi-quyet-12-nq-tw-khoa-xi'],
      ['Nghị quyết Trung ương 4 khóa XI, XII', 'document/nghi-quyet-04-nq-tw-khoa-xii'],
      ['Chỉ thị số 05 của Bộ Chính trị', 'document/chi-thi-05-ct-tw-khoa-xii'],
    ]);
  });

  it('seed 003 names no document ("Nghị quyết của Trung ương, Thành ủy Hà Nội" is generic)', () => {
    expect(extract(seeds.get('003')!)).toEqual([]);
  });

  it('seed 004: new tone placement "Khoá", a directive by number, Quy định 47 by its subject as of 2019', () => {
    expect(pairs(extract(seeds.get('004')!))).toEqual([
      ['Nghị quyết Trung ương 4 (Khoá XII)', 'document/nghi-quyet-04-nq-tw-khoa-xii'],
      ['quy định về những điều đảng viên không được làm', 'document/quy-dinh-47-qd-tw-khoa-xi'],
      ['Chỉ thị 05 của Bộ Chính trị', 'document/chi-thi-05-ct-tw-khoa-xii'],
    ]);
  });

  it('gives each mention its sentence, offsets into the text and kb.json document info', () => {
    const a = seeds.get('000')!;
    const text = articleText(parseMarkdown(a.body));
    for (const m of extractDocuments(a, text, registry)) {
      expect(text.text.slice(m.start, m.end)).toBe(m.surface);
      const s = text.sentences[m.sentence]!;
      expect(m.start).toBeGreaterThanOrEqual(s.start);
      expect(m.end).toBeLessThanOrEqual(s.end);
      expect(m.type).toBe('document');
    }
    const kl = extractDocuments(a, text, registry).find((m) => m.key === 'document/ket-luan-21-kl-tw-khoa-xiii')!;
    expect(kl.attrs as unknown as DocumentMentionAttrs).toEqual({
      name: 'Kết luận 21-KL/TW',
      registry: true,
      aliases: ['Kết luận Trung ương 4 khóa XIII', 'Kết luận số 21-KL/TW'],
      document: { kind: 'kết luận', code: '21-KL/TW', number: '21', issuer: 'Ban Chấp hành Trung ương', term: 'XIII', date: '2021-10-25', replacedBy: null },
    });
  });
});

describe('resolution rules', () => {
  it('links a replaced regulation to its replacement', () => {
    const [m] = extract(article('Thực hiện Quy định số 47-QĐ/TW ngày 1/11/2011 của Ban Chấp hành Trung ương.'));
    expect(m!.key).toBe('document/quy-dinh-47-qd-tw-khoa-xi');
    expect((m!.attrs as unknown as DocumentMentionAttrs).document.replacedBy).toBe('document/quy-dinh-37-qd-tw-khoa-xiii');
    expect((m!.attrs as unknown as DocumentMentionAttrs).replacedByName).toBe('Quy định 37-QĐ/TW');
  });

  it('picks the regulation in force at the article date when two share a subject', () => {
    const text = 'Đảng viên thực hiện nghiêm quy định về những điều đảng viên không được làm.';
    expect(extract(article(text, '2019-07-24'))[0]!.key).toBe('document/quy-dinh-47-qd-tw-khoa-xi');
    expect(extract(article(text, '2023-05-01'))[0]!.key).toBe('document/quy-dinh-37-qd-tw-khoa-xiii');
    expect(extract(article(text, null))).toEqual([]); // undated: either one, so neither
  });

  it('keeps documents whose numbers restart every term apart', () => {
    const keys = extract(article(
      'Nghị quyết số 12-NQ/TW ngày 16/1/2012 và Nghị quyết số 12-NQ/TW ngày 3/6/2017; ' +
      'Kết luận 21-KL/TW của Bộ Chính trị khóa XI khác Kết luận 21-KL/TW khóa XIII.',
    )).map((m) => m.key);
    expect(keys).toEqual([
      'document/nghi-quyet-12-nq-tw-khoa-xi',
      'document/nghi-quyet-12-nq-tw-khoa-xii',
      'document/ket-luan-21-kl-tw-khoa-xi',
      'document/ket-luan-21-kl-tw-khoa-xiii',
    ]);
  });

  it('does not guess between same-numbered documents when nothing tells them apart', () => {
    expect(extract(article('Tiếp tục thực hiện Nghị quyết 12-NQ/TW trong toàn Đảng bộ.'))).toEqual([]);
    // With the article date, the latest issued by then.
    expect(extract(article('Tiếp tục thực hiện Nghị quyết 12-NQ/TW trong toàn Đảng bộ.', '2014-01-01'))[0]!.key)
      .toBe('document/nghi-quyet-12-nq-tw-khoa-xi');
  });

  it('resolves a plenum without a term by the article date, or by the terms the article names', () => {
    const text = 'Các cấp ủy tiếp tục thực hiện Nghị quyết Trung ương 4 về xây dựng Đảng.';
    expect(extract(article(text, '2014-03-01'))[0]!.key).toBe('document/nghi-quyet-12-nq-tw-khoa-xi');
    expect(extract(article(text, '2019-03-01'))[0]!.key).toBe('document/nghi-quyet-04-nq-tw-khoa-xii');
    expect(extract(article(text))).toEqual([]);
    const withTerm = `${text} Chỉ thị 05-CT/TW của Bộ Chính trị khóa XII được quán triệt.`;
    expect(extract(article(withTerm)).map((m) => m.key)).toEqual([
      'document/nghi-quyet-04-nq-tw-khoa-xii',
      'document/chi-thi-05-ct-tw-khoa-xii',
    ]);
    // A term of the National Assembly or of a provincial committee says nothing about the Central Committee's.
    expect(extract(article(`${text} Quốc hội khóa XIV và Ban Chấp hành Đảng bộ tỉnh khóa XIX họp.`))).toEqual([]);
    expect(extract(article(`${text} Theo Chỉ thị của Bộ Chính trị Khóa XII.`)).map((m) => m.key)).toEqual(['document/nghi-quyet-04-nq-tw-khoa-xii']);
    // The same plenum with its term elsewhere in the article.
    const twice = 'Nghị quyết Trung ương 4 khóa XI đã nêu. Thực hiện Nghị quyết Trung ương 4 được các cấp ủy chú trọng.';
    expect(extract(article(twice)).map((m) => m.key)).toEqual(['document/nghi-quyet-12-nq-tw-khoa-xi', 'document/nghi-quyet-12-nq-tw-khoa-xi']);
  });

  it('reads the abbreviated and ordinal plenum forms', () => {
    const keys = extract(article(
      'Nghị quyết TW4 khoá XII; Nghị quyết T.Ư 4 (khóa XI); Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII; NQ TƯ 4 khóa XII; NQTW4 (khóa XI).',
    )).map((m) => m.key);
    expect(keys).toEqual([
      'document/nghi-quyet-04-nq-tw-khoa-xii', 'document/nghi-quyet-12-nq-tw-khoa-xi', 'document/nghi-quyet-04-nq-tw-khoa-xii',
      'document/nghi-quyet-04-nq-tw-khoa-xii', 'document/nghi-quyet-12-nq-tw-khoa-xi',
    ]);
    expect(extract(article('nq tư 4 khóa XII; NQ từ 4 khóa XII'))).toEqual([]);
  });

  it('keeps an unknown plenum resolution as stated', () => {
    const [m] = extract(article('Thực hiện Nghị quyết Trung ương 7 khóa XII về công tác cán bộ.'));
    expect(m!.key).toBe('document/nghi-quyet-trung-uong-7-khoa-xii');
    expect((m!.attrs as unknown as DocumentMentionAttrs).registry).toBe(false);
  });

  it('places "Thành ủy" without a name by the article, not by any central document', () => {
    const hanoi = 'Quận ủy Cầu Giấy quán triệt Chỉ thị số 24 của Ban Thường vụ Thành ủy về kỷ luật, kỷ cương.';
    expect(extract(article(hanoi)).map((m) => m.key)).toEqual(['document/chi-thi-24-ct-tu-thanh-uy-ha-noi-2023']);
    // A directive of Hà Nội issued in 2023 cannot be meant by an article of 2020; another city's
    // directive, or one placed nowhere, is not stated enough to key it (no year): each is the
    // article's own entity (issue 14: its own entity rather than a wrong merge), never the registry's.
    const own = (a: ArticleFile): string[] => extract(a).map((m) => `${m.key} ${(m.attrs as unknown as DocumentMentionAttrs).registry}`);
    expect(own(article(hanoi, '2020-05-01'))).toEqual(['document/chi-thi-24-bai-test false']);
    expect(own(article('Thành ủy Việt Trì triển khai Chỉ thị số 24 của Ban Thường vụ Thành ủy.'))).toEqual(['document/chi-thi-24-bai-test false']);
    expect(own(article('Thực hiện Chỉ thị số 24 của Ban Thường vụ Thành ủy.'))).toEqual(['document/chi-thi-24-bai-test false']);
    // Named and dated: an entity of its own, keyed by issuer and year.
    expect(extract(article('Chỉ thị số 15 ngày 3/4/2019 của Ban Thường vụ Thành ủy Việt Trì.')).map((m) => m.key))
      .toEqual(['document/chi-thi-15-ct-tu-thanh-uy-viet-tri-2019']);
  });

  it('takes the committee from the caller when given', () => {
    const a = article('Thực hiện Chỉ thị số 24 của Ban Thường vụ Thành ủy.');
    const text = articleText(parseMarkdown(a.body));
    expect(extractDocuments(a, text, registry, { committees: ['Thành ủy Hà Nội', 'Quận ủy Tây Hồ'] }).map((m) => m.key))
      .toEqual(['document/chi-thi-24-ct-tu-thanh-uy-ha-noi-2023']);
  });

  it('follows an issuer-less number back to the document the article stated in full', () => {
    const keys = extract(article('Nghị quyết số 39-NQ/TW ngày 17/4/2015 của Bộ Chính trị. Việc thực hiện Nghị quyết 39 đạt kết quả.')).map((m) => m.key);
    expect(keys).toEqual(['document/nghi-quyet-39-nq-tw-khoa-xi', 'document/nghi-quyet-39-nq-tw-khoa-xi']);
    // Alone, the number tells nothing apart: the article's own entity, never merged into another's (issue 14).
    expect(extract(article('Việc thực hiện Nghị quyết 39 đạt kết quả.')).map((m) => m.key)).toEqual([expect.stringMatching(/^document\/nghi-quyet-39-bai-/)]);
  });

  it('resolves an issuer-less number by the one registry issuer the article names', () => {
    expect(extract(article('Hội nghị đánh giá việc thực hiện Nghị quyết 35. Thủ tướng Chính phủ chỉ đạo các bộ, ngành.')).map((m) => m.key))
      .toEqual(['document/nghi-quyet-35-2016-nq-cp']);
    expect(extract(article('Bộ Chính trị đã ban hành Nghị quyết 35 về bảo vệ nền tảng tư tưởng của Đảng.', '2019-01-01')).map((m) => m.key))
      .toEqual(['document/nghi-quyet-35-nq-tw-khoa-xii']);
    // Both issuers named: either could be meant.
    expect(extract(article('Bộ Chính trị và Chính phủ chỉ đạo thực hiện Nghị quyết 35.')).map((m) => m.key)).toEqual([expect.stringMatching(/^document\/nghi-quyet-35-bai-/)]);
    // Dated before the Politburo's 35-NQ/TW (2018) but after the Government's (2016).
    expect(extract(article('Bộ Chính trị và Chính phủ chỉ đạo thực hiện Nghị quyết 35.', '2017-03-01')).map((m) => m.key))
      .toEqual(['document/nghi-quyet-35-2016-nq-cp']);
  });

  it('resolves an issuer-less number by the title that follows it', () => {
    const [m] = extract(article('Chỉ thị 05 về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.'));
    expect(m!.key).toBe('document/chi-thi-05-ct-tw-khoa-xii');
    const [k] = extract(article('Kết luận số 01-KL/TW về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị khóa XII.'));
    expect(k!.key).toBe('document/ket-luan-01-kl-tw-khoa-xiii');
  });

  it('reads lists of numbers sharing a kind and an issuer', () => {
    const mentions = extract(article('Thực hiện Chỉ thị 03, 05 của Bộ Chính trị về học tập và làm theo tấm gương đạo đức Hồ Chí Minh.'));
    expect(pairs(mentions)).toEqual([
      ['Chỉ thị 03, 05 của Bộ Chính trị', 'document/chi-thi-03-ct-tw-khoa-xi'],
      ['Chỉ thị 03, 05 của Bộ Chính trị', 'document/chi-thi-05-ct-tw-khoa-xii'],
    ]);
    expect(extract(article('Chỉ thị 05, 3 năm qua, được thực hiện tốt.')).map((m) => m.key)).toEqual([expect.stringMatching(/^document\/chi-thi-05-bai-/)]);
  });

  it('keys state documents by number, year and national issuer; local ones (every province numbers its own) are left out', () => {
    expect(extract(article('Nghị định số 79 năm 2010 của Chính phủ, tức Nghị định 79/2010/NĐ-CP.')).map((m) => m.key))
      .toEqual(['document/nghi-dinh-79-2010-nd-cp', 'document/nghi-dinh-79-2010-nd-cp']);
    expect(extract(article('Quyết định số 53/2014/QĐ-UBND và Nghị quyết 148/2016/NQ-HĐND của tỉnh.'))).toEqual([]);
  });

  it('keys state documents by code and year', () => {
    expect(extract(article('Nghị định số 108/2014/NĐ-CP và Nghị quyết 35/NQ-CP năm 2016 của Chính phủ; Nghị quyết 19/NQ-CP.')).map((m) => m.key))
      .toEqual(['document/nghi-dinh-108-2014-nd-cp', 'document/nghi-quyet-35-2016-nq-cp']);
  });

  it('reads national congress resolutions', () => {
    expect(extract(article('Nghị quyết Đại hội XIII của Đảng; Nghị quyết Đại hội đại biểu toàn quốc lần thứ XII của Đảng.')).map((m) => m.key))
      .toEqual(['document/nghi-quyet-dai-hoi-xiii', 'document/nghi-quyet-dai-hoi-xii']);
    // A city's congress, not the national one.
    expect(extract(article('Thực hiện Nghị quyết Đại hội lần thứ XXI Đảng bộ thành phố; Nghị quyết Đại hội XVI Đảng bộ thành phố.'))).toEqual([]);
  });
});

describe('no false positives', () => {
  it.each([
    'Đảng ủy phường ban hành nghị quyết bám sát thực tế địa phương.',
    'Triển khai nghiêm túc các nghị quyết, chỉ thị của Trung ương, Thành ủy phù hợp với thực tiễn.',
    'Nghị quyết của Trung ương, Thành ủy Hà Nội thuộc lĩnh vực xây dựng Đảng.',
    'Hầu hết chỉ tiêu của Nghị quyết Đại hội đều hoàn thành; vượt chỉ tiêu Nghị quyết Đại hội đảng bộ Quận đề ra.',
    'Thực hiện Nghị quyết Đại hội Đảng các cấp và nghị quyết đại hội Đảng bộ tỉnh.',
    'Nghị quyết Trung ương đã tạo sự chuyển biến; Nghị quyết Trung ương năm 2017.',
    'Đảng ủy Quân sự quận đã có Nghị quyết lãnh đạo thực hiện nhiệm vụ.',
    'Nghị quyết từ 4 năm trước vẫn còn hiệu lực; quy định 3 tháng một lần; quy định về phòng cháy chữa cháy.',
    'Điều lệ Đảng bộ và Điều lệ Hội được thông qua; điều lệ công ty.',
    'Chỉ thị 15/5 được ban hành. Nghị quyết 2,5 tỷ đồng.',
  ])('%s', (text) => {
    expect(extract(article(text, '2020-01-01'))).toEqual([]);
  });
});

describe('pathological input', () => {
  it.each([
    ['Nghị quyết ', 'Nghị quyết '.repeat(18_200)],
    ['05-', '05-'.repeat(66_700)],
    ['Nghị quyết Trung ương 4 khóa XI, ', 'Nghị quyết Trung ương 4 khóa XI, '.repeat(6_100)],
    ['Chỉ thị số 05-CT/', 'Chỉ thị số 05-CT/'.repeat(11_800)],
    ['của Ban Thường vụ Thành ủy ', 'Chỉ thị số 24 ' + 'của Ban Thường vụ Thành ủy '.repeat(7_500)],
    ['khóa X, ', 'Nghị quyết Trung ương 4 ' + 'khóa X, '.repeat(25_000)],
  ])('a 200,000-character line of "%s" in linear time', (_name, line) => {
    expect(line.length).toBeGreaterThan(190_000);
    const a = article(line, '2020-01-01');
    const text = articleText(parseMarkdown(line));
    extractDocuments(a, articleText(parseMarkdown(line.slice(0, 2000))), registry); // warm up the regular expressions
    const started = performance.now();
    const mentions = extractDocuments(a, text, registry);
    const elapsed = performance.now() - started;
    // About 1–90 ms alone on this machine; quadratic work would take many seconds. The margin absorbs a loaded CI machine.
    expect(elapsed).toBeLessThan(1000);
    for (const m of mentions) expect(m.end).toBeLessThanOrEqual(text.text.length);
  });
});

describe('corpus smoke test', () => {
  it('runs over politics records without throwing and finds the documents they cite', async () => {
    const corpus = process.env.CORPUS_PATH ?? '../shared/corpus/news-vi.jsonl.gz';
    let bytes: Buffer;
    try {
      bytes = readFileSync(corpus);
    } catch {
      throw new Error(`corpus not found at ${corpus}: set CORPUS_PATH`);
    }
    const { gunzipSync } = await import('node:zlib');
    const lines = gunzipSync(bytes).toString('utf8').split('\n', 1500);
    let found = 0;
    const keys = new Set<string>();
    for (const line of lines) {
      if (!line) continue;
      const record = JSON.parse(line) as { body: string };
      const a = article(record.body.normalize('NFC'));
      for (const m of extract(a)) {
        found++;
        keys.add(m.key);
        expect(m.key).toMatch(/^document\/[a-z0-9]+(?:-[a-z0-9]+)*$/);
      }
    }
    expect(found).toBeGreaterThan(50);
    expect(keys).toContain('document/chi-thi-05-ct-tw-khoa-xii');
    expect(keys).toContain('document/nghi-quyet-04-nq-tw-khoa-xii');
  });
});
