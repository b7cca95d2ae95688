/** The five real seeds through the importer: metadata, boilerplate gone, captions as captions. */
import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { importInputs, type ImportEvent } from '../../../src/lib/import/run.ts';
import { freshDir, readArticle, seedFiles, type WrittenArticle } from './support.ts';

interface Expected {
  seed: string;
  slug: string;
  title: string;
  published?: string;
  author: string;
  source?: string;
  /** Lines of the raw seed that are page chrome and must not survive anywhere in the output. */
  gone: string[];
  captions: string[];
  firstParagraphStartsWith: string;
  lastParagraphEndsWith: string;
}

const EXPECTED: Expected[] = [
  {
    seed: '000_9c833f5879be070b.txt',
    slug: 'nang-cao-nang-luc-lanh-dao-cua-to-chuc-dang',
    title: 'Nâng cao năng lực lãnh đạo của tổ chức Đảng',
    published: '2023-01-27',
    author: 'Đình Hiệp',
    source: 'Hà Nội Mới',
    gone: ['Đình Hiệp| 27/01/2023 06:59', '(0) Bình luận', 'Nổi bật', 'Đừng bỏ lỡ', '(HNM) -'],
    captions: ['Các tập thể, cá nhân có thành tích xuất sắc trong công tác xây dựng Đảng nhận khen thưởng của Quận ủy Hai Bà Trưng.'],
    firstParagraphStartsWith: 'Năm 2022, công tác xây dựng',
    lastParagraphEndsWith: 'cán bộ, công chức, viên chức.',
  },
  {
    seed: '001_144f08ba95b2f3ab.txt',
    slug: 'quan-tay-ho-doi-moi-sang-tao-trong-cong-tac-xay-dung-dang',
    title: 'Quận Tây Hồ đổi mới, sáng tạo trong công tác xây dựng Đảng',
    author: 'N.Hoa',
    gone: ['tongketcongtacxaydungdang', 'xaydungdang', 'N.Hoa'],
    captions: [
      'Toàn cảnh hội nghị.',
      'Đồng chí Võ Bích Thủy – Quận ủy viên, Bí thư Đảng ủy phường Thụy Khuê tham luận tại hội nghị.',
      'Đồng chí Phạm Xuân Đức, Bí thư Đảng ủy phường Phú Thượng phát biểu tham luận tại hội nghị.',
      'Bí thư Quận ủy, Chủ tịch Hội đồng nhân dân quận Tây Hồ Lê Thị Thu Hằng phát biểu chỉ đạo tại hội nghị.',
    ],
    firstParagraphStartsWith: 'Chiều 28/2, Quận ủy Tây Hồ',
    lastParagraphEndsWith: 'đi vào cuộc sống.',
  },
  {
    seed: '002_12b90e3edf959f26.txt',
    slug: 'xay-dung-dang-vung-manh-tu-co-so',
    title: 'Xây dựng Đảng vững mạnh từ cơ sở',
    published: '2022-03-18',
    author: 'Anh Thơ',
    source: 'Báo Phú Thọ',
    gone: [
      'Cập nhật: 18/03/2022 06:30 GMT+7', 'Anh Thơ', 'Các tin đã đưa', 'Việt Trì xây dựng Đảng bộ tiêu biểu',
      '2022-03-17 08:47:00', 'baophutho.vn', 'Kỳ II: Tự hào tiến bước dưới cờ Đảng', 'Sắc áo xanh dưới cờ Đảng',
      'Tin địa phương', 'Xem thêm Thành phố Việt Trì', 'Thời tiết', 'POWERED BY', 'Việt Long',
    ],
    captions: [
      'Đảng ủy xã Hùng Lô thường xuyên kiểm tra, giám sát hồ sơ đảng viên góp phần xây dựng tổ chức cơ sở Đảng trong sạch, vững mạnh.',
      'Tuyến đường phố Đốc Ngữ phường Minh Phương đã được mở rộng, nâng cấp, góp phần xây dựng đô thị văn minh hiện đại cho địa phương.',
    ],
    firstParagraphStartsWith: 'Xác định nâng cao chất lượng tổ chức cơ sở Đảng',
    lastParagraphEndsWith: 'đã đề ra trong những năm tiếp theo.',
  },
  {
    seed: '003_c66f61de4578ac4f.txt',
    slug: 'nang-cao-nang-luc-lanh-dao-suc-chien-dau-cua-to-chuc-dang-va-chat-luong-dang',
    title: 'Nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức Đảng và chất lượng đảng viên',
    author: 'Thanh Thương',
    source: 'TTXVN',
    gone: ['Xây dựng Đảng\n', 'Bắc Ninh\n', 'Tin liên quan', 'Xem thêm', 'TTXVN - Sáng'],
    captions: ['Lãnh đạo tỉnh Bắc Ninh tặng quà lưu niệm cho các đơn vị tham dự Hội nghị. Ảnh: Thanh Thương/TTXVN'],
    firstParagraphStartsWith: 'Hội nghị tập trung thảo luận',
    lastParagraphEndsWith: 'tạo sự thống nhất trong nội bộ cấp ủy.../.',
  },
  {
    seed: '004_171404efb626d2ae.txt',
    slug: 'dang-bo-quan-su-quan-hai-ba-trung-nang-cao-chat-luong-cong-tac-xay-dung-dang',
    title: 'Đảng bộ Quân sự quận Hai Bà Trưng: Nâng cao chất lượng công tác xây dựng Đảng',
    published: '2019-07-24',
    author: 'Thế Hà',
    source: 'Quốc phòng Thủ đô',
    gone: ['Công tác Đảng - Công tác Chính trị', 'đăng: 07:28', 'truy cập 1278 lượt', 'Tin khác', 'QPTĐ-', 'Thế Hà'],
    captions: ['Huấn luyện dân quân tự vệ “cơ bản, thiết thực, chất lượng”. Ảnh: M.Quang'],
    firstParagraphStartsWith: 'Những năm qua, Đảng bộ Quân sự quận Hai Bà Trưng',
    lastParagraphEndsWith: 'phấn đấu hoàn thành tốt nhiệm vụ.',
  },
];

describe('importing the five seeds', () => {
  const out = freshDir();
  const events: ImportEvent[] = [];
  const written = new Map<string, WrittenArticle>();

  beforeAll(async () => {
    const summary = await importInputs(seedFiles(), out, (e) => events.push(e));
    expect(summary).toMatchObject({ written: 5, skipped: 0, errors: 0 });
    for (const name of readdirSync(out)) written.set(name.slice(0, -3), readArticle(path.join(out, name)));
  });

  for (const expected of EXPECTED) {
    describe(expected.seed, () => {
      const article = (): WrittenArticle => {
        const a = written.get(expected.slug);
        if (!a) throw new Error(`no ${expected.slug}.md; written: ${[...written.keys()].join(', ')}`);
        return a;
      };

      it('has the right title, date, author, source and origin (and nothing invented)', () => {
        const data = article().data;
        expect(data.title).toBe(expected.title);
        expect(data.published).toBe(expected.published);
        expect(data.author).toBe(expected.author);
        expect(data.source).toBe(expected.source);
        expect(data.importedFrom).toBe(expected.seed);
        expect(Object.keys(data).sort()).toEqual(
          ['title', 'importedFrom', 'author', ...(expected.published ? ['published'] : []), ...(expected.source ? ['source'] : [])].sort(),
        );
      });

      it('keeps no page boilerplate', () => {
        const { body, blocks } = article();
        for (const line of expected.gone) {
          if (line.endsWith('\n')) expect(blocks.map((b) => b.text)).not.toContain(line.trim());
          else expect(body).not.toContain(line);
        }
        // The headline is not repeated in the body (as alt text or at the end).
        expect(blocks.map((b) => b.text)).not.toContain(expected.title);
        expect(body).not.toMatch(/Bình luận|lượt;|GMT\+7/u);
      });

      it('keeps the text from the first to the last paragraph', () => {
        const paragraphs = article().blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
        expect(paragraphs[0]).toMatch(new RegExp(`^${expected.firstParagraphStartsWith}`, 'u'));
        expect(paragraphs.at(-1)!.endsWith(expected.lastParagraphEndsWith)).toBe(true);
      });

      it('marks image captions as captions, credit included, and nothing else', () => {
        expect(article().captions).toEqual(expected.captions);
        const paragraphs = article().blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
        for (const caption of expected.captions) expect(paragraphs).not.toContain(caption);
        expect(paragraphs.some((p) => p.startsWith('Ảnh:'))).toBe(false);
      });
    });
  }

  it('keeps every body line of the seed that is not boilerplate (nothing dropped silently)', () => {
    // Each long line of the raw seed (a real paragraph) appears in the output, modulo the outlet lead-in.
    for (const expected of EXPECTED) {
      const raw = readFileSync(seedFiles().find((f) => f.endsWith(expected.seed))!, 'utf8').normalize('NFC');
      const text = article(expected.slug).blocks.map((b) => b.text).join('\n');
      for (const line of raw.split('\n').map((l) => l.trim()).filter((l) => l.length > 200)) {
        const withoutLead = line.replace(/^(?:\(HNM\) - |TTXVN - |QPTĐ-)/u, '');
        expect(text, `${expected.seed}: ${withoutLead.slice(0, 60)}…`).toContain(withoutLead);
      }
    }
    function article(slug: string): WrittenArticle {
      return written.get(slug)!;
    }
  });

  it('matches the committed default content in content/articles', () => {
    for (const expected of EXPECTED) {
      const committed = readFileSync(path.join('content/articles', `${expected.slug}.md`), 'utf8');
      expect(readFileSync(path.join(out, `${expected.slug}.md`), 'utf8'), `${expected.slug}.md is stale: re-run the import`).toBe(committed);
    }
  });
});
