/** All extractors over one article's text. */
import type { ArticleText } from './text.ts';
import type { Mention } from './types.ts';
import type { ArticleFile } from '../content/article.ts';

export function extractMentions(_article: ArticleFile, _text: ArticleText): Mention[] {
  return []; // placeholder until the extractors land
}
