/** Plain-text and Markdown tables of an extraction score. */
import { ENTITY_TYPES, checkTargets, type Counts, type ExtractionScore, type Prf } from './score.ts';

const LABEL = { person: 'people', unit: 'units', place: 'places', document: 'documents' } as const;

function row(label: string, c: Counts & Prf): string[] {
  return [label, String(c.found + c.missed), String(c.correct + c.wrong), String(c.found), String(c.wrong), c.precision.toFixed(3), c.recall.toFixed(3), c.f1.toFixed(3)];
}

export function scoreRows(s: ExtractionScore): string[][] {
  const rows = ENTITY_TYPES.map((t) => (s.scoredTypes.includes(t) ? row(LABEL[t], s.types[t]) : [LABEL[t], 'not annotated', '', '', '', '', '', '']));
  rows.push(row('role triples', s.roles));
  return rows;
}

const HEAD = ['', 'gold', 'predicted', 'found', 'false pos.', 'precision', 'recall', 'F1'];

export function markdownTable(s: ExtractionScore): string {
  const lines = [`| ${HEAD.join(' | ')} |`, `|${HEAD.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const r of scoreRows(s)) lines.push(`| ${r.join(' | ')} |`);
  const merges = ENTITY_TYPES.map((t) => `${LABEL[t]} ${s.merges[t].together}/${s.merges[t].pairs} (wrong ${s.merges[t].wrongMerges})`).join(', ');
  const levels = s.scoredTypes.includes('place') ? ` Place levels right: ${s.placeLevels.correct}/${s.placeLevels.checked}.` : '';
  lines.push('', `Merges (form pairs sharing an id / pairs found; wrong merges): ${merges}. Listed non-entities predicted (bylines, credits, boilerplate, streets named after people): ${s.boilerplate}.${levels}`);
  return lines.join('\n');
}

export function textReport(s: ExtractionScore, options: { details: boolean; targets: boolean }): string {
  const rows = [HEAD, ...scoreRows(s)];
  const widths = HEAD.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const out = rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  out.push('', `articles: ${s.articles}`, 'merges (form pairs sharing an id / pairs found, wrong merges):');
  for (const t of ENTITY_TYPES) out.push(`  ${LABEL[t].padEnd(10)} ${s.merges[t].together}/${s.merges[t].pairs}  wrong: ${s.merges[t].wrongMerges}`);
  if (s.scoredTypes.includes('place')) out.push(`place levels right: ${s.placeLevels.correct}/${s.placeLevels.checked}`);
  out.push(`listed non-entities predicted (bylines, credits, boilerplate…): ${s.boilerplate}`);
  if (options.targets) {
    out.push('', 'targets:');
    for (const t of checkTargets(s)) out.push(`  ${t.met ? 'ok  ' : 'MISS'} ${t.label} (${t.value})`);
  }
  if (options.details && s.details.length > 0) {
    out.push('', 'details:');
    for (const d of s.details) out.push(`  ${d.kind.padEnd(14)} ${d.type.padEnd(8)} ${d.article}: ${d.text}`);
  }
  return out.join('\n');
}
