/**
 * The allowlist for article HTML: only what our Markdown produces (paragraphs,
 * emphasis, lists, quotes, headings, code, links, images, captions and mention
 * links), no event handlers, no style, no ids, and URLs only with http(s) (and
 * mailto for links) or relative ones. Anything else is removed by
 * hast-util-sanitize, whatever produced it.
 */
import type { Schema } from 'hast-util-sanitize';
import { ENTITY_SECTION } from '../model/paths.ts';

export const MENTION_CLASS = 'mention';

export const articleSchema: Schema = {
  tagNames: [
    'p', 'br', 'hr', 'em', 'strong', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'img', 'figure', 'figcaption', 'div', 'sup', 'sub',
  ],
  attributes: {
    a: [
      'href',
      'title',
      ['className', MENTION_CLASS, ...Object.keys(ENTITY_SECTION).map((type) => `${MENTION_CLASS}-${type}`)],
    ],
    img: ['src', 'alt', 'title'],
    figure: [['className', 'caption']],
    ol: ['start'],
    code: [['className', /^language-[a-z0-9_+-]{1,40}$/i]],
  },
  protocols: {
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https'],
  },
  clobber: ['id', 'name'],
  clobberPrefix: 'user-content-',
  ancestors: {},
  required: {},
  strip: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math'],
  allowComments: false,
  allowDoctypes: false,
};
