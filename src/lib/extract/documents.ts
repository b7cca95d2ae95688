/**
 * Document mentions: resolutions, directives, conclusions, regulations,
 * charters, congress resolutions, and state documents with full codes.
 *
 * Three modules: document-grammar.ts reads what a mention looks like (one
 * anchored scan for kind words and bare codes, then a bounded, sticky parse of
 * the head and its trailing date, issuer and term: linear in the text);
 * document-resolution.ts decides which document it is; this module joins
 * them into mentions.
 *
 * Resolution prefers the registry (data/documents.yaml). A document the
 * registry does not know becomes its own entity, keyed by what the text states
 * (kind + code/number + issuer + term or year). Precision over recall: when
 * the text does not say enough to tell documents apart (a central number with
 * no term, date or registry entry; a local number whose committee cannot be
 * placed), no mention is emitted rather than a guess that could merge two
 * documents.
 *
 * Keys ("document/<id>"): a registry entry's id; otherwise built from what the
 * text states, in the registry's own id scheme, so that adding the document to
 * the registry later can keep the same id:
 *   central Party   <kind>-<code>-khoa-<term>        chi-thi-25-ct-tw-khoa-ix
 *                   (numbers restart every term: the term is part of the key;
 *                   from "khóa …", or from a stated date or year)
 *   local Party     <kind>-<code>-<committee>-<year>  chi-thi-15-ct-tu-thanh-uy-ha-noi-2019
 *   state           <kind>-<number>-<year>-<kind>-<issuer>  nghi-dinh-79-2010-nd-cp
 *                   (national issuers only: every province numbers its own UBND/HĐND documents)
 *   plenum          <kind>-trung-uong-<n>-khoa-<term> nghi-quyet-trung-uong-5-khoa-xii
 *   congress        nghi-quyet-dai-hoi-<congress>, or the local congress's full name
 *                   nghi-quyet-dai-hoi-dang-bo-quan-tay-ho-lan-thu-vi
 *
 * Ambiguity, decided least wrong (see each resolver's comment): a plenum or
 * code without a term takes the latest registry document issued by the
 * article's date, or, undated, the term the article names elsewhere; "Thành ủy"
 * without a name is the committee the caller gives, the one the article names,
 * or the registry locality whose places the article names.
 */
import type { ArticleFile } from '../model/article.ts';
import type { KbDocumentInfo } from '../model/kb.ts';
import { foldChars } from '../text/fold.ts';
import type { DocumentRegistry } from './document-registry.ts';
import { sentenceAt, type ArticleText } from '../markdown/text.ts';
import type { DocumentAttrs, Mention } from '../model/mention.ts';
import { ArticleScope, mayNameDocument, parseDocumentMentions, surfaceEnd, type DocumentContext } from './document-grammar.ts';
import { resolveDocumentMentions } from './document-resolution.ts';

export type { DocumentContext } from './document-grammar.ts';

/** The attrs of a document mention (model/mention.ts). */
export type DocumentMentionAttrs = DocumentAttrs;

/** Extract every document mention of one article. */
export function extractDocuments(
  article: ArticleFile,
  text: ArticleText,
  registry: DocumentRegistry,
  context?: DocumentContext,
): Mention[] {
  const source = text.text;
  const folded = foldChars(source);
  if (!mayNameDocument(folded)) return [];
  const scope = new ArticleScope(source, folded, article, registry, context);

  const parsed = parseDocumentMentions(scope);
  const resolvedAll = resolveDocumentMentions(scope, parsed);
  const mentions: Mention[] = [];
  parsed.forEach((p, index) => {
    const resolved = resolvedAll[index]!;
    const end = surfaceEnd(p);
    const surface = source.slice(p.start, end);
    for (const r of resolved) {
      const attrs: DocumentMentionAttrs = { name: r.name, document: r.info, registry: r.registry };
      if (r.aliases.length > 0) attrs.aliases = r.aliases;
      const successor = r.info.replacedBy ? registry.byId.get(r.info.replacedBy.slice('document/'.length)) : undefined;
      if (successor) attrs.replacedByName = successor.name;
      mentions.push({
        type: 'document',
        start: p.start,
        end,
        surface,
        sentence: sentenceAt(text, p.start),
        key: `document/${r.id}`,
        attrs,
      });
    }
  });
  return mentions;
}
