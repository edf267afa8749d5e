// The matching rules, written again in plain JavaScript from the spec (docs/bundle-format.md,
// "Matching"), so the browser tests compute expected counts without asking the app.
import fs from 'node:fs';

const EXTRA = { 'ł': 'l', 'ø': 'o', 'đ': 'd', 'ð': 'd', 'ħ': 'h', 'ı': 'i', 'ŧ': 't', 'æ': 'ae',
  'œ': 'oe', 'þ': 'th', 'ĸ': 'k', 'ƒ': 'f', 'ß': 'ss' };

export function foldedWords(text) {
  const folded = String(text || '').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/[łøđðħıŧæœþĸƒß]/g, (c) => EXTRA[c]);
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export function loadBundle(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// Every query word must start some word of the title, authors, abstract or tags.
export function matchCount(bundle, query, { hasCode = false, yearMin = 0, yearMax = 0 } = {}) {
  const queryWords = foldedWords(query);
  let n = 0;
  for (const p of bundle.papers) {
    if (hasCode && !(p.links || []).some((l) => l.kind === 'code')) continue;
    if (yearMin || yearMax) {
      if (!p.date) continue;
      const year = Number(p.date.slice(0, 4));
      if ((yearMin && year < yearMin) || (yearMax && year > yearMax)) continue;
    }
    const words = foldedWords([p.title, ...(p.authors || []), p.abstract || '',
      ...(p.tags || []).map((t) => (typeof t === 'string' ? t : t.value))].join(' \u0001 '));
    if (queryWords.every((q) => words.some((w) => w.startsWith(q)))) n++;
  }
  return n;
}

// Papers whose title has a word starting with each of the words, in the year range.
export function titleYearCount(bundle, words, yearMin, yearMax) {
  const wanted = words.flatMap(foldedWords);
  return bundle.papers.filter((p) => {
    if (!p.date) return false;
    const year = Number(p.date.slice(0, 4));
    if (year < yearMin || year > yearMax) return false;
    const title = foldedWords(p.title);
    return wanted.every((q) => title.some((w) => w.startsWith(q)));
  }).length;
}
