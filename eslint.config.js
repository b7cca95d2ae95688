// @ts-check
/**
 * ESLint (flat config). Its one job: the import boundaries between the layers
 * of src/lib (README "How it works"). Each layer may import only from its own
 * folder and from the layers below it; peers on one line may not import each
 * other; nothing in src/lib may import the Astro adapter, the pages, the
 * browser code, scripts/ or tests/; src/client (browser code) may import only
 * the browser-safe layers. tests/lint/layers.test.ts runs this config over
 * src/ and proves every kind of rule can fail.
 *
 * Adding a layer is one line in LAYERS. No recommended rule sets: only
 * no-restricted-imports, one block per module of src/lib, generated below.
 * Imports are relative paths ('../extract/index.ts', './pipeline.ts'); the
 * patterns are regexes over the written specifier. Not checked: dynamic
 * import('...') (no-restricted-imports ignores it) and aliases (there are none).
 */
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/lib, lowest first. A name is a folder of src/lib, or a
 * single file of src/lib when it ends in .ts. Names on one line are peers.
 * @type {string[][]}
 */
const LAYERS = [
  ['model'], //              shared types
  ['text'], //               folding, collation, slugs, normalisation
  ['infra'], //              cache store, directory walk, file signatures, stage timings
  ['content', 'import'], //  loading articles / importing raw text (peers)
  ['markdown'],
  ['extract'],
  ['resolve'],
  ['graph'],
  ['render'],
  ['pipeline.ts'],
  ['site', 'search'], //     peers
  ['build'],
  ['eval'],
];

/** Folders of src/ above all of src/lib. */
const ABOVE_LIB = ['integrations', 'client', 'pages', 'components', 'layouts'];
/** Folders at the repository root that src/lib must not reach into. */
const OUTSIDE_SRC = ['scripts', 'tests'];
/** What browser code (src/client) may import from src/lib. */
const CLIENT_MAY_IMPORT = ['model', 'text', 'search'];

const SEE = "move the shared piece down (see README 'How it works')";

/** @typedef {{ regex: string, caseSensitive: true, message: string }} Pattern */
/** @typedef {{ name: string, level: number, peers: string[] }} Module */

/** @param {string} s */
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** @param {string} name */
const isFile = (name) => name.endsWith('.ts');
/** @param {string} name */
const label = (name) => (isFile(name) ? name.slice(0, -3) : name);
/** The regex tail that matches a module of src/lib once the specifier has reached src/lib. @param {string} name */
const moduleTail = (name) =>
  isFile(name) ? `${escapeRe(label(name))}(?:\\.[cm]?[jt]s)?$` : `${escapeRe(name)}(?:/|$)`;

// Specifier prefixes, by where the importing file sits. At least one '../' is
// required, so './search/x.ts' from inside src/lib/site (its own subfolder) is
// never mistaken for the search layer; files directly in src/lib also reach
// the layer folders with './'. The '(src/)lib/' detours catch '../../lib/x'.
const UP = String.raw`^(?:\./)?(?:\.\./)+`;
const TO_LIB = {
  libFolder: String.raw`${UP}(?:(?:src/)?lib/)?`,
  libRoot: String.raw`^(?:\./|(?:\.\./)+(?:(?:src/)?lib/)?)`,
  client: String.raw`${UP}(?:src/)?lib/`,
};
const TO_SRC = String.raw`${UP}(?:src/)?`;

/** @type {Module[]} */
const modules = LAYERS.flatMap((names, level) => names.map((name) => ({ name, level, peers: names.filter((n) => n !== name) })));

/**
 * One restricted pattern per module of src/lib the file may not import.
 * @param {Module[]} forbidden @param {keyof typeof TO_LIB} from @param {(m: Module) => string} reason
 * @returns {Pattern[]}
 */
function libPatterns(forbidden, from, reason) {
  return forbidden.map((m) => ({ regex: TO_LIB[from] + moduleTail(m.name), caseSensitive: true, message: reason(m) }));
}

/** @param {string} who @param {string[]} except @returns {Pattern[]} */
function outsidePatterns(who, except = []) {
  return [
    ...ABOVE_LIB.filter((dir) => !except.includes(dir)).map((dir) => /** @type {Pattern} */ ({
      regex: `${TO_SRC}${escapeRe(dir)}(?:/|$)`,
      caseSensitive: true,
      message: `${who} may not import src/${dir} (above src/lib); ${SEE}`,
    })),
    ...OUTSIDE_SRC.map((dir) => /** @type {Pattern} */ ({
      regex: `${UP}${escapeRe(dir)}(?:/|$)`,
      caseSensitive: true,
      message: `${who} may not import ${dir}/ (outside src); ${SEE}`,
    })),
  ];
}

/** @param {string} name @param {string[]} files @param {Pattern[]} patterns @returns {import('eslint').Linter.Config} */
const boundary = (name, files, patterns) => ({ name, files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

const layerBlocks = modules.map((self) => {
  const who = `layer ${label(self.name)}`;
  const from = isFile(self.name) ? 'libRoot' : 'libFolder';
  return boundary(`layers/${label(self.name)}`, [isFile(self.name) ? `src/lib/${self.name}` : `src/lib/${self.name}/**/*.ts`], [
    ...libPatterns(modules.filter((m) => m.level > self.level), from,
      (m) => `${who} may not import layer ${label(m.name)} (higher); ${SEE}`),
    ...libPatterns(modules.filter((m) => self.peers.includes(m.name)), from,
      (m) => `${who} may not import layer ${label(m.name)} (a peer on the same level); ${SEE}`),
    ...outsidePatterns(who),
  ]);
});

const clientBlock = boundary('layers/client', ['src/client/**/*.ts'], [
  ...libPatterns(modules.filter((m) => !CLIENT_MAY_IMPORT.includes(m.name)), 'client',
    (m) => `src/client (browser code) may not import layer ${label(m.name)}: only ${CLIENT_MAY_IMPORT.join(', ')} are browser-safe; ${SEE}`),
  ...outsidePatterns('src/client (browser code)', ['client']),
]);

export default defineConfig([
  globalIgnores(['dist/', 'node_modules/', '.astro/', '.cache/', 'bench/', 'corpus/', 'test-results/']),
  {
    name: 'typescript',
    files: ['src/**/*.ts', 'scripts/**/*.ts', 'tests/**/*.ts'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
  },
  ...layerBlocks,
  clientBlock,
]);

/** For tests/lint/layers.test.ts. */
export { LAYERS };
