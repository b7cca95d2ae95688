/** A small hand-made knowledge base (invented sentences) for the views, feeds and JSON-LD tests. */
import type { KbArticle, KbEntity, KnowledgeBase } from '../../../src/lib/model/kb.ts';

export function article(id: string, title: string, published: string | null, entities: string[] = []): KbArticle {
  return { id, url: `/bai-viet/${id}/`, title, published, author: 'Minh An', source: 'HNM', file: `content/articles/${id}.md`, entities };
}

export function entity(id: string, name: string, extra: Partial<KbEntity> = {}): KbEntity {
  const type = id.slice(0, id.indexOf('/')) as KbEntity['type'];
  return { id, type, name, aliases: [name], url: '', articles: [], mentions: [], ...extra };
}

export function fixtureKb(): KnowledgeBase {
  const articles = [
    article('hoi-nghi-quan', 'Hội nghị quận ủy', '2023-01-27'),
    article('phuong-truong-dinh', 'Phường Trương Định làm tốt công tác dân vận', '2022-03-18'),
    article('khong-ngay', 'Bài không có ngày', null),
    article('an-do', 'Ấn định lịch họp', '2022-03-18'),
  ];
  const entities: KbEntity[] = [
    entity('person/nguyen-thi-tuyet', 'Nguyễn Thị Tuyết', {
      articles: ['hoi-nghi-quan', 'phuong-truong-dinh'],
      mentions: [
        { article: 'hoi-nghi-quan', sentence: 'Bí thư Đảng ủy phường Trương Định Nguyễn Thị Tuyết phát biểu.' },
        { article: 'hoi-nghi-quan', sentence: 'Bà Nguyễn Thị Tuyết nhấn mạnh vai trò chi bộ.' },
        { article: 'phuong-truong-dinh', sentence: 'Chủ tịch UBND phường Nguyễn Thị Tuyết cho biết.' },
      ],
      roles: [
        { title: 'Bí thư', unit: 'unit/dang-uy-phuong-truong-dinh', unitName: 'Đảng ủy phường Trương Định', article: 'hoi-nghi-quan', date: '2023-01-27' },
        { title: 'Chủ tịch', unit: null, unitName: 'UBND phường Trương Định', article: 'phuong-truong-dinh', date: '2022-03-18' },
      ],
    }),
    entity('person/le-van-an', 'Lê Văn An', {
      articles: ['hoi-nghi-quan'],
      mentions: [{ article: 'hoi-nghi-quan', sentence: 'Ông Lê Văn An chủ trì.' }],
      roles: [{ title: 'Bí thư', unit: 'unit/quan-uy-hai-ba-trung', unitName: 'Quận ủy Hai Bà Trưng', article: 'hoi-nghi-quan', date: '2023-01-27' }],
    }),
    entity('person/tran-dang-binh', 'Trần Đăng Bình', { articles: ['an-do'], mentions: [{ article: 'an-do', sentence: 'Ông Trần Đăng Bình dự.' }] }),
    entity('person/pham-van-dung', 'Phạm Văn Đức', { articles: ['an-do'], mentions: [{ article: 'an-do', sentence: 'Ông Phạm Văn Đức dự.' }] }),
    entity('unit/dang-uy-phuong-truong-dinh', 'Đảng ủy phường Trương Định', {
      parent: 'unit/quan-uy-hai-ba-trung',
      place: 'place/truong-dinh',
      articles: ['hoi-nghi-quan', 'phuong-truong-dinh'],
      mentions: [
        { article: 'hoi-nghi-quan', sentence: 'Bí thư Đảng ủy phường Trương Định Nguyễn Thị Tuyết phát biểu.' },
        { article: 'phuong-truong-dinh', sentence: 'Đảng ủy phường Trương Định quán triệt Nghị quyết Trung ương 4 khóa XII.' },
      ],
    }),
    entity('unit/quan-uy-hai-ba-trung', 'Quận ủy Hai Bà Trưng', {
      place: 'place/hai-ba-trung',
      articles: ['hoi-nghi-quan'],
      mentions: [{ article: 'hoi-nghi-quan', sentence: 'Ông Lê Văn An chủ trì.' }],
    }),
    entity('place/truong-dinh', 'Trương Định', { level: 'ward', parent: 'place/hai-ba-trung', articles: ['hoi-nghi-quan', 'phuong-truong-dinh'], mentions: [] }),
    entity('place/hai-ba-trung', 'Hai Bà Trưng', { level: 'district', articles: ['hoi-nghi-quan'], mentions: [] }),
    entity('document/04-nq-tw-2016', 'Nghị quyết Trung ương 4 khóa XII', {
      aliases: ['Nghị quyết Trung ương 4 khóa XII', 'NQ TƯ 4'],
      articles: ['phuong-truong-dinh', 'hoi-nghi-quan'],
      mentions: [
        { article: 'phuong-truong-dinh', sentence: 'Đảng ủy phường Trương Định quán triệt Nghị quyết Trung ương 4 khóa XII.' },
        { article: 'hoi-nghi-quan', sentence: 'Thực hiện NQ TƯ 4 </script><!-- & "trích dẫn".' },
      ],
      document: { kind: 'Nghị quyết', code: '04-NQ/TW', number: '04', issuer: 'Ban Chấp hành Trung ương', term: 'XII', date: '2016-10-30', replacedBy: null },
    }),
    entity('document/47-qd-tw', 'Quy định 47-QĐ/TW', {
      articles: [],
      mentions: [],
      document: { kind: 'Quy định', code: '47-QĐ/TW', number: '47', issuer: 'unit/quan-uy-hai-ba-trung', term: 'XI', date: null, replacedBy: 'document/04-nq-tw-2016' },
    }),
  ];
  for (const a of articles) a.entities = entities.filter((e) => e.articles.includes(a.id)).map((e) => e.id);
  return { version: 1, articles, entities };
}
