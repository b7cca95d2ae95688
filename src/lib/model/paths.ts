/** Site-root-relative paths of every page kind (without the base path; see config.ts withBase). */
import type { EntityType } from './mention.ts';

export const ENTITY_SECTION: Record<EntityType, string> = {
  person: 'nguoi',
  unit: 'don-vi',
  place: 'dia-danh',
  document: 'van-ban',
};

export function articlePath(id: string): string {
  return `/bai-viet/${id}/`;
}

/** Entity ids are "<type>/<slug>". */
export function entityPath(id: string): string {
  const slash = id.indexOf('/');
  const type = id.slice(0, slash) as EntityType;
  return `/${ENTITY_SECTION[type]}/${id.slice(slash + 1)}/`;
}

export const SEARCH_PATH = '/tim-kiem/';
/** The header search box's suggestion index (src/lib/search/suggestions.ts). */
export const SUGGESTIONS_PATH = '/tim-kiem/goi-y.json';
