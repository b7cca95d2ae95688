/**
 * `npm run kb:audit -- --kb FILE [--out FILE] [--top N] [--sample N] [--seed S]`
 *
 * What a reader of the whole-corpus knowledge base should look at first, as
 * Markdown for judging by hand: the N entities of each type named in the most
 * articles (with their aliases and most frequent roles), and a random sample
 * (fixed seed) of N entities per type and N role triples, each with one
 * sentence that names it. The sample is drawn from kb.json alone, so the same
 * kb.json always gives the same sample.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCommandLine } from './cli.ts';
import type { KbEntity, KnowledgeBase } from '../src/lib/model/kb.ts';
import { ENTITY_TYPES } from '../src/lib/model/mention.ts';
import { mulberry32, shuffled } from '../src/lib/infra/random.ts';

const USAGE = 'usage: npm run kb:audit -- --kb FILE [--out FILE] [--top N] [--sample N] [--seed S]';

const { values } = parseCommandLine(USAGE, {
  options: {
    kb: { type: 'string' },
    out: { type: 'string' },
    top: { type: 'string', default: '100' },
    sample: { type: 'string', default: '100' },
    seed: { type: 'string', default: '14' },
    help: { type: 'boolean', default: false },
  },
});
if (!values.kb) {
  console.error(`--kb is required\n${USAGE}`);
  process.exit(2);
}

const kb = JSON.parse(readFileSync(values.kb, 'utf8')) as KnowledgeBase;
const top = Number(values.top);
const sampleSize = Number(values.sample);

const random = mulberry32(Number(values.seed));
function sample<T>(items: readonly T[], n: number): T[] {
  return shuffled(items, random).slice(0, n);
}

const byId = new Map(kb.entities.map((e) => [e.id, e]));
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const clip = (s: string, n = 220): string => (s.length > n ? `${s.slice(0, n)}…` : s);

function topRoles(e: KbEntity, n = 3): string {
  const counts = new Map<string, number>();
  for (const r of e.roles ?? []) {
    const label = `${r.title}${r.unitName ? ` ${r.unitName}` : ''}`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, n).map(([l, c]) => `${l} (${c})`).join('; ');
}

const out: string[] = [];
out.push(`# Knowledge-base audit of ${values.kb}`, '', `${kb.articles.length} articles, ${kb.entities.length} entities; seed ${values.seed}. Judge each row: is it a real entity of this type, named as such, and one entity (not two merged, not one split)?`, '');
for (const type of ENTITY_TYPES) {
  const list = kb.entities.filter((e) => e.type === type).sort((a, b) => b.articles.length - a.articles.length || (a.id < b.id ? -1 : 1));
  out.push(`## ${type}: the ${Math.min(top, list.length)} named in the most articles (of ${list.length})`, '', '| # | articles | name | aliases | roles / level / code |', '|--:|--:|---|---|---|');
  list.slice(0, top).forEach((e, i) => {
    const extra = type === 'person' ? topRoles(e) : type === 'place' ? e.level ?? '' : type === 'document' ? e.document?.code ?? '' : e.parent ? `parent ${byId.get(e.parent)?.name ?? e.parent}` : '';
    out.push(`| ${i + 1} | ${e.articles.length} | ${cell(e.name)} | ${cell(e.aliases.filter((a) => a !== e.name).slice(0, 5).join('; '))} | ${cell(extra)} |`);
  });
  out.push('');
}
for (const type of ENTITY_TYPES) {
  const list = kb.entities.filter((e) => e.type === type);
  out.push(`## ${type}: random sample of ${Math.min(sampleSize, list.length)}`, '', '| # | name | article | sentence |', '|--:|---|---|---|');
  sample(list, sampleSize).forEach((e, i) => {
    const m = e.mentions[Math.floor(random() * e.mentions.length)];
    out.push(`| ${i + 1} | ${cell(e.name)} | ${m?.article ?? ''} | ${cell(clip(m?.sentence ?? ''))} |`);
  });
  out.push('');
}
const triples = kb.entities.flatMap((e) => (e.roles ?? []).map((r) => ({ person: e, role: r })));
out.push(`## role triples: random sample of ${Math.min(sampleSize, triples.length)} (of ${triples.length})`, '', '| # | person | title | unit | article | sentence |', '|--:|---|---|---|---|---|');
sample(triples, sampleSize).forEach(({ person, role }, i) => {
  const sentence = person.mentions.find((m) => m.article === role.article)?.sentence ?? '';
  out.push(`| ${i + 1} | ${cell(person.name)} | ${cell(role.title)} | ${cell(role.unitName ?? '—')} | ${role.article} | ${cell(clip(sentence))} |`);
});
out.push('');
const text = out.join('\n');
if (values.out) writeFileSync(values.out, text);
else process.stdout.write(text);
