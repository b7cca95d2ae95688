/**
 * Suggestions under the header search box, following the WAI-ARIA combobox
 * pattern (list autocomplete): the input is the combobox, the suggestions a
 * listbox it controls; arrow keys move the active option (aria-activedescendant),
 * Enter on an option opens its page, Enter otherwise submits the search form,
 * Escape closes the list. The index (tim-kiem/goi-y.json) is fetched the first
 * time the box gets focus; with or without diacritics, after two characters.
 */
import { KIND_LABEL } from '../lib/search/labels.ts';
import { parseSuggestionIndex, suggester, type Suggester, type SuggestionEntry } from '../lib/search/suggestions.ts';

function count(n: number): string {
  return n.toLocaleString('vi-VN');
}

export function startSuggestions(input: HTMLInputElement): void {
  const form = input.form;
  const indexUrl = input.dataset.suggestions;
  const base = input.dataset.base ?? '/';
  if (!form || !indexUrl) return;

  const list = document.createElement('ul');
  list.id = `${input.id}-goi-y`;
  list.className = 'suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Gợi ý');
  list.hidden = true;
  form.append(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');

  let loading: Promise<Suggester | null> | null = null;
  const load = () => {
    loading ??= fetch(indexUrl)
      .then(async (r) => (r.ok ? suggester(parseSuggestionIndex(await r.json(), indexUrl)) : null))
      .catch((err: unknown) => {
        console.error(err);
        return null;
      });
    return loading;
  };

  let shown: SuggestionEntry[] = [];
  let active = -1;

  const hrefOf = (e: SuggestionEntry) => base.replace(/\/$/, '') + e[3];

  const setActive = (i: number) => {
    active = i;
    [...list.children].forEach((li, k) => li.setAttribute('aria-selected', String(k === i)));
    if (i >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${i}`);
    else input.removeAttribute('aria-activedescendant');
  };

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    shown = [];
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  };

  const render = (entries: SuggestionEntry[]) => {
    shown = entries;
    if (entries.length === 0) return close();
    list.replaceChildren(...entries.map((e, i) => {
      const li = document.createElement('li');
      li.id = `${list.id}-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      const name = document.createElement('span');
      name.className = 'suggestions__name';
      name.textContent = e[0];
      const meta = document.createElement('span');
      meta.className = 'suggestions__meta';
      meta.textContent = `${KIND_LABEL[e[1]]} · ${count(e[2])} bài viết`;
      li.append(name, meta);
      // mousedown, not click: the input's blur would close the list before the click lands.
      li.addEventListener('mousedown', (ev) => {
        ev.preventDefault();
        location.assign(hrefOf(e));
      });
      return li;
    }));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    setActive(-1);
  };

  let generation = 0;
  const update = async () => {
    const gen = ++generation;
    const s = await load();
    if (gen !== generation || !s) return;
    render(s.suggest(input.value));
  };

  input.addEventListener('focus', () => void load());
  input.addEventListener('input', () => void update());
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (list.hidden) {
        void update();
        return;
      }
      ev.preventDefault();
      const step = ev.key === 'ArrowDown' ? 1 : -1;
      const next = active + step;
      setActive(next < -1 ? shown.length - 1 : next >= shown.length ? -1 : next);
    } else if (ev.key === 'Escape') {
      if (!list.hidden) {
        ev.preventDefault();
        close();
      }
    } else if (ev.key === 'Enter' && active >= 0 && shown[active]) {
      ev.preventDefault();
      location.assign(hrefOf(shown[active]));
    }
  });
}
