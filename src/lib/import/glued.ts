/**
 * Scraped text sometimes loses the space between two words where a line break
 * or a tag stood: "Công ty Xuất nhập khẩu tỉnh Gia LaiTrịnh Xuân Nhân",
 * "ĐàLạt". Vietnamese syllables never carry a capital after a small letter, so a
 * run of letters with such a join is two words when it is Vietnamese (a letter
 * only Vietnamese uses, such as "ị" or "đ", on either side) and both halves are
 * syllable-sized. Brand names ("VnExpress", "iPhone", "PetroVietnam") have no
 * such letter and stay whole.
 */
const VIETNAMESE_ONLY = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;
/** A small letter, then a capital starting a syllable of at least two letters, inside one run of letters. */
const JOIN = /(?<=\p{Ll})(?=\p{Lu}\p{Ll})/u;
const WORD = /\p{L}+/gu;
/** A small letter right before a capital: text without one cannot change (a cheap, linear test first). */
const ANY_JOIN = /\p{Ll}\p{Lu}/u;
/** The longest Vietnamese syllable is 7 letters ("nghiêng"). */
const SYLLABLE_MAX = 7;

export function splitGluedWords(text: string): string {
  if (!ANY_JOIN.test(text)) return text;
  return text.replace(WORD, (word) => {
    if (!ANY_JOIN.test(word)) return word;
    const parts = word.split(JOIN);
    if (parts.length < 2 || !VIETNAMESE_ONLY.test(word)) return word;
    // Each join on its own: "vớiVnExpress" is "với VnExpress".
    let out = parts[0]!;
    for (let k = 1; k < parts.length; k++) {
      const left = parts[k - 1]!;
      const right = parts[k]!;
      const split = (VIETNAMESE_ONLY.test(left) || VIETNAMESE_ONLY.test(right)) && left.length <= SYLLABLE_MAX && right.length <= SYLLABLE_MAX;
      out += (split ? ' ' : '') + right;
    }
    return out;
  });
}
