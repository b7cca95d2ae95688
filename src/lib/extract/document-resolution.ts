/**
 * The resolution of document mentions: which document a parsed mention is.
 * It prefers the registry (data/documents.yaml); a document the registry does
 * not know becomes its own entity, keyed by what the text states, in the
 * registry's own id scheme (documents.ts lists the keys).
 */

import type { KbDocumentInfo } from '../model/kb.ts';
import { slugify } from '../text/slug.ts';
import { canonicalDisplay, foldName, foldTitle } from '../text/fold.ts';
import {
  documentKind,
  formatDocumentCode,
  fromRoman,
  kindFromAbbr,
  type DocumentCode,
  type DocumentKindId,
} from '../text/document-codes.ts';
import { termAt, type RegistryDocument } from './document-registry.ts';
import { ArticleScope, TITLE_HEAD, containsWord, matchTitles, sticky, titleFollows, type Head, type ParsedMention, type Trailing } from './document-grammar.ts';

export interface Resolved {
  id: string;
  kind: DocumentKindId;
  name: string;
  info: KbDocumentInfo;
  registry: boolean;
  aliases: string[];
}

/** Each parsed mention with the documents it names (several for "Nghị quyết 03, 05"; at least one). */
export function resolveDocumentMentions(scope: ArticleScope, parsed: readonly ParsedMention[]): Resolved[][] {
  // Resolve stated documents first, so an issuer-less "Nghị quyết 39" can follow an earlier "39-NQ/TW" of the article.
  const byKindNumber = new Map<string, Resolved>();
  const resolvedAll: (Resolved[] | null)[] = parsed.map((p) => {
    if (p.head.type === 'number' && p.trail.issuer === null) return null;
    const resolved = resolveMention(scope, p);
    for (const r of resolved) {
      if (r.info.number && (p.head.type === 'code' || p.head.type === 'number')) {
        byKindNumber.set(`${r.kind}|${r.info.number}`, r);
      }
    }
    return resolved;
  });
  const plenumTerms = collectPlenumTerms(parsed);

  return parsed.map((p, index) => {
    let resolved = resolvedAll[index];
    // "Nghị định 02 của Chính phủ": an issuer without a year does not name one document either.
    if (resolved === null || (resolved.length === 0 && p.head.type === 'number')) {
      const head = p.head as Extract<Head, { type: 'number' }>;
      const antecedent = byKindNumber.get(`${head.kind}|${head.number}`);
      resolved = antecedent ? [antecedent] : resolveByTitle(scope, head.kind, p.trail.end, head.number);
      if (resolved.length === 0) resolved = resolveByIssuerInArticle(scope, head.kind, head.number);
      // Open world: a document named by kind and number that nothing tells apart
      // ("Nghị định số 49") is an entity of this article alone, never merged into
      // another article's document of the same number.
      if (resolved.length === 0) resolved = [articleLocal(scope, head.kind, head.number)];
    } else if (p.head.type === 'plenum' && resolved.length === 0 && p.trail.terms.length === 0) {
      resolved = resolvePlenumWithoutTerm(scope, p.head.kind, p.head.plenum, plenumTerms);
    }
    return resolved;
  });
}

// ---------------------------------------------------------------------------
// Resolution

export function resolveMention(scope: ArticleScope, p: ParsedMention): Resolved[] {
  const { head, trail } = p;
  switch (head.type) {
    case 'charter':
      return head.doc ? [fromRegistry(head.doc)] : [];
    case 'congress': {
      const doc = scope.registry.byCongress.get(head.congress);
      if (doc) return [fromRegistry(doc)];
      const name = `Nghị quyết Đại hội ${head.congress} của Đảng`;
      return [unknown(`nghi-quyet-dai-hoi-${head.congress.toLowerCase()}`, name, 'nghi-quyet', null, null, 'Đại hội đại biểu toàn quốc', head.congress, null)];
    }
    case 'local-congress': {
      const issuer = head.name.replace(/^Nghị quyết Đại hội /, '').replace(/ (lần thứ|nhiệm kỳ) .*$/, '');
      return [unknown(slugify(head.name), head.name, 'nghi-quyet', null, null, issuer, head.number ?? head.years, null)];
    }
    case 'title':
      return pickInForce(scope, head.docs);
    case 'plenum':
      return trail.terms.flatMap((term) => resolvePlenum(scope, head.kind, head.plenum, term));
    case 'code':
      return resolveCode(scope, head.kind, head.code, trail);
    case 'number': {
      const issuer = trail.issuer!;
      const abbr = documentKind(head.kind).abbr;
      if (!abbr) return [];
      const code: DocumentCode = issuer.level === 'central'
        ? { number: head.number, kindAbbr: abbr, issuerCode: 'TW', year: null, party: true }
        : issuer.level === 'local'
          ? { number: head.number, kindAbbr: abbr, issuerCode: issuer.code, year: null, party: true }
          : { number: head.number, kindAbbr: abbr, issuerCode: issuer.code, year: null, party: false };
      return resolveCode(scope, head.kind, code, trail, false);
    }
  }
}

/** State issuers whose numbering is nationwide: the Government, the Prime Minister, the National Assembly and its standing committee, ministries. */
export const NATIONAL_STATE_ISSUER = /^(?:CP|TTg|QH\d{0,2}|UBTVQH\d{0,2}|NHNN|VPCP|TANDTC|VKSNDTC|B[A-ZĐ]{1,8})$/u;

export function resolveCode(scope: ArticleScope, kindWord: DocumentKindId | null, code: DocumentCode, trail: Trailing, codeWritten = true): Resolved[] {
  const { registry } = scope;
  const kind = kindWord ?? kindFromAbbr(code.kindAbbr, code.party);
  if (!kind) return [];
  const written = formatDocumentCode(code);
  const candidates = registry.byCode.get(written) ?? [];
  const statedYear = code.year ?? (trail.date ? Number(trail.date.slice(0, 4)) : trail.year);

  if (code.party && code.issuerCode === 'TW') {
    const term = trail.terms[0] ?? (trail.date ? termAt(registry, trail.date) : null)
      ?? (trail.year !== null ? termOfYear(scope, trail.year) : null);
    if (term) {
      const hit = candidates.filter((d) => d.term === term);
      if (hit.length === 1) return [fromRegistry(hit[0]!)];
      const issuer = trail.issuer?.level === 'central' ? trail.issuer.name : null;
      return [unknown(`${kind}-${slugify(written)}-khoa-${term.toLowerCase()}`, `${documentKind(kind).word} ${written}`, kind, written, code.number, issuer, term, trail.date)];
    }
    const chosen = chooseUndated(scope, candidates, trail.end);
    return chosen ? [fromRegistry(chosen)] : [];
  }

  if (code.party) {
    // Local Party committee: the committee must be known (named, or placed through the article).
    let committee: string | null = trail.issuer?.level === 'local' ? trail.issuer.committee : null;
    if (!committee) {
      const levelKey = code.issuerCode === 'QU' ? 'quan' : code.issuerCode === 'HU' ? 'huyen' : code.issuerCode === 'TU' ? null : undefined;
      if (levelKey === null) committee = scope.committeeFor('thanh') ?? scope.committeeFor('tinh');
      else if (levelKey) committee = scope.committeeFor(levelKey);
    }
    if (!committee) return [];
    const sameIssuer = candidates.filter((d) => d.issuer !== null && foldName(d.issuer) === foldName(committee!));
    const fitting = statedYear !== null ? sameIssuer.filter((d) => d.date?.startsWith(String(statedYear))) : sameIssuer;
    const chosen = statedYear !== null ? (fitting.length === 1 ? fitting[0]! : null) : chooseUndated(scope, fitting, trail.end);
    if (chosen) return [fromRegistry(chosen)];
    if (statedYear === null) return [];
    return [unknown(`${kind}-${slugify(written)}-${slugify(committee)}-${statedYear}`, `${documentKind(kind).word} ${written} của ${committee}`, kind, written, code.number, committee, null, trail.date)];
  }

  // State documents: numbering restarts every year, so the year must be known; and the issuer
  // must be national (every province has its own UBND and HĐND numbering, which the code does not name).
  if (!NATIONAL_STATE_ISSUER.test(code.issuerCode)) return [];
  if (statedYear === null) {
    const only = candidates.length === 1 ? candidates[0]! : null;
    return only ? [fromRegistry(only)] : [];
  }
  const hit = candidates.filter((d) => d.date?.startsWith(String(statedYear)) || d.parsedCode?.year === statedYear);
  if (hit.length === 1) return [fromRegistry(hit[0]!)];
  const issuer = trail.issuer?.level === 'state' ? trail.issuer.name : null;
  // "Nghị định 79/2010/NĐ-CP" and "Nghị định số 79 năm 2010 của Chính phủ": one key.
  const id = `${kind}-${slugify(`${code.number} ${statedYear} ${code.kindAbbr} ${code.issuerCode}`)}`;
  const writtenCode = codeWritten ? written : null;
  const name = writtenCode ? `${documentKind(kind).word} ${writtenCode}` : `${documentKind(kind).word} số ${code.number} năm ${statedYear} của ${issuer ?? code.issuerCode}`;
  return [unknown(id, name, kind, writtenCode, code.number, issuer, null, trail.date)];
}

/**
 * Several registry documents share a code (numbers restart every term): with the
 * article's date, the latest one issued by then; without it, a title after the
 * mention; else the only candidate; else nothing (ambiguous).
 */
export function chooseUndated(scope: ArticleScope, candidates: RegistryDocument[], after: number): RegistryDocument | null {
  if (candidates.length === 0) return null;
  const published = scope.published;
  if (published) {
    const before = candidates.filter((d) => d.date === null || d.date <= published);
    return before.length > 0 ? before[before.length - 1]! : null;
  }
  if (candidates.length === 1) return candidates[0]!;
  const titled = candidates.filter((d) => d.title && titleFollows(scope, after, foldTitle(d.title)));
  return titled.length === 1 ? titled[0]! : null;
}

export function resolvePlenum(scope: ArticleScope, kind: DocumentKindId, plenum: number, term: string): Resolved[] {
  const doc = scope.registry.byPlenum.get(`${kind}|${plenum}|${term}`);
  if (doc) return [fromRegistry(doc)];
  const word = documentKind(kind).word;
  const name = `${word} Trung ương ${plenum} khóa ${term}`;
  return [unknown(slugify(name), name, kind, null, null, 'Ban Chấp hành Trung ương', term, null)];
}

/**
 * "Nghị quyết Trung ương 4" with no term: (1) the term the article gives the
 * same plenum elsewhere, if only one; (2) with the article's date, the latest
 * such resolution issued by then; (3) undated, the highest term the article
 * names marks the time it was written: the resolution of that term, else the
 * latest one before it. With none of these, no mention (a guess could merge
 * khóa XI and XII).
 */
export function resolvePlenumWithoutTerm(scope: ArticleScope, kind: DocumentKindId, plenum: number, plenumTerms: Map<string, Set<string>>): Resolved[] {
  const stated = plenumTerms.get(`${kind}|${plenum}`);
  if (stated && stated.size === 1) return resolvePlenum(scope, kind, plenum, [...stated][0]!);
  const docs = scope.registry.byPlenumAnyTerm.get(`${kind}|${plenum}`) ?? [];
  const published = scope.published;
  if (published) {
    const before = docs.filter((d) => d.date !== null && d.date <= published);
    return before.length > 0 ? [fromRegistry(before[before.length - 1]!)] : [];
  }
  const highest = scope.highestTerm();
  if (!highest) return [];
  const limit = fromRoman(highest)!;
  const upTo = docs.filter((d) => d.term !== null && fromRoman(d.term)! <= limit);
  return upTo.length > 0 ? [fromRegistry(upTo[upTo.length - 1]!)] : [];
}

export function collectPlenumTerms(parsed: readonly ParsedMention[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of parsed) {
    if (p.head.type !== 'plenum' || p.trail.terms.length === 0) continue;
    const key = `${p.head.kind}|${p.head.plenum}`;
    const set = out.get(key) ?? new Set<string>();
    for (const t of p.trail.terms) set.add(t);
    out.set(key, set);
  }
  return out;
}

/** An issuer-less "Chỉ thị 05 về đẩy mạnh học tập …": the registry document of that number and title. */
export function resolveByTitle(scope: ArticleScope, kind: DocumentKindId, at: number, number: string): Resolved[] {
  const m = sticky(TITLE_HEAD, scope.folded, at);
  if (!m) return [];
  const docs = matchTitles(scope, kind, at + m[0].length).filter((d) => d.number === number);
  return pickInForce(scope, docs);
}

/**
 * An issuer-less "Nghị quyết 35" with nothing else to go on: the registry
 * document of that kind and number whose issuer the article names, when the
 * article names the issuer of exactly one of them ("Chính phủ" → 35/NQ-CP;
 * "Bộ Chính trị" → 35-NQ/TW), and, for a dated article, issued by then.
 */
export function resolveByIssuerInArticle(scope: ArticleScope, kind: DocumentKindId, number: string): Resolved[] {
  let candidates = scope.registry.byKindNumber.get(`${kind}|${number}`) ?? [];
  const published = scope.published;
  if (published) candidates = candidates.filter((d) => d.date !== null && d.date <= published);
  const named = candidates.filter((d) => d.issuer !== null && issuerNamed(scope, d.issuer));
  if (named.length === 0) return [];
  // Several documents of one issuer (numbers restart): the latest, if the article is dated; else none.
  const issuers = new Set(named.map((d) => d.issuer));
  if (issuers.size !== 1) return [];
  if (named.length === 1) return [fromRegistry(named[0]!)];
  return published ? [fromRegistry(named[named.length - 1]!)] : [];
}

// How an article names an issuer (folded), beyond the issuer's own name.
export const ISSUER_NAMES: Record<string, string[]> = {
  'ban chap hanh trung uong': ['ban chap hanh trung uong', 'hoi nghi trung uong'],
  'thu tuong chinh phu': ['thu tuong'],
};

export function issuerNamed(scope: ArticleScope, issuer: string): boolean {
  const folded = foldName(issuer);
  return (ISSUER_NAMES[folded] ?? [folded]).some((name) => containsWord(scope.folded, name));
}

/** Documents sharing a title (47-QĐ/TW replaced by 37-QĐ/TW): the one in force when the article was written. */
export function pickInForce(scope: ArticleScope, docs: RegistryDocument[]): Resolved[] {
  if (docs.length === 0) return [];
  if (docs.length === 1) return [fromRegistry(docs[0]!)];
  const published = scope.published;
  if (!published) return [];
  const issued = docs.filter((d) => d.date !== null && d.date <= published);
  const inForce = issued.filter((d) => {
    const successor = d.replacedBy ? scope.registry.byId.get(d.replacedBy) : null;
    return !successor || successor.date === null || successor.date > published;
  });
  return inForce.length === 1 ? [fromRegistry(inForce[0]!)] : [];
}

export function termOfYear(scope: ArticleScope, year: number): string | null {
  // A year that saw a congress is split between two terms: do not guess.
  const start = termAt(scope.registry, `${year}-01-01`);
  const end = termAt(scope.registry, `${year}-12-31`);
  return start === end ? start : null;
}

export function fromRegistry(doc: RegistryDocument): Resolved {
  return {
    id: doc.id,
    kind: doc.kind,
    name: doc.name,
    registry: true,
    aliases: doc.aliases,
    info: {
      kind: doc.kindName,
      code: doc.code,
      number: doc.number,
      issuer: doc.issuer,
      term: doc.term,
      date: doc.date,
      replacedBy: doc.replacedBy ? `document/${doc.replacedBy}` : null,
    },
  };
}

export function unknown(
  id: string,
  name: string,
  kind: DocumentKindId,
  code: string | null,
  number: string | null,
  issuer: string | null,
  term: string | null,
  date: string | null,
): Resolved {
  return {
    id,
    kind,
    name: canonicalDisplay(name),
    registry: false,
    aliases: [],
    info: { kind: documentKind(kind).word.toLowerCase(), code, number, issuer, term, date, replacedBy: null },
  };
}

/** A document known only by kind and number in one article: its id carries the article's. */
export function articleLocal(scope: ArticleScope, kind: DocumentKindId, number: string): Resolved {
  const word = documentKind(kind).word;
  return unknown(`${kind}-${number}-bai-${slugify(scope.article.id)}`, `${word} ${number}`, kind, null, number, null, null, null);
}

