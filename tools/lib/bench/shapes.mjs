// The generator's papers (bundle records, generate.mjs) written in the shapes of the formats
// Paperscope imports, for tools/bench --import: the same collection as a Hugging Face
// /api/daily_papers response, arXiv OAI snapshot JSON lines, a Semantic Scholar Graph API
// search response and CSL-JSON. Each record carries what the real ones carry (the members
// the importers skip too: author profiles, submitters, thumbnails, licences, …, modelled on
// tests/data/real/), so a file is as large, and as slow to read, as a real one of that many
// papers. What a format cannot say is lost as it would be (arXiv has no upvotes, HF no
// venues); dates a format keeps only to the day are written as the first day of the month
// or year. The extras come from their own seeded PRNG, so the papers' bytes do not change.
//
// A shape is { head, separator, tail, record(paper, i, rnd) → string }.

const hex = (rnd, n) => {
  let s = '';
  while (s.length < n) s += rnd.u32().toString(16).padStart(8, '0');
  return s.slice(0, n);
};
const isoDay = (date) => (date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date);
const timestamp = (date, rnd) =>
  `${isoDay(date)}T${String(rnd.int(24)).padStart(2, '0')}:${String(rnd.int(60)).padStart(2, '0')}:00.000Z`;
const arxivId = (paper) => paper.external_ids?.arxiv || null;
const tagsOf = (paper, kind) => (paper.tags || []).filter((t) => t.kind === kind).map((t) => t.value);
const linkOf = (paper, kind) => (paper.links || []).find((l) => l.kind === kind)?.url || null;
const handle = (name) => name.normalize('NFKD').replace(/[^A-Za-z]/g, '').toLowerCase();
const firstSentence = (text) => (text.match(/^.*?\.(\s|$)/) || [text])[0].trim();

// [SECTION] Hugging Face /api/daily_papers (2026 schema, as hf-daily-papers-2026-07-01.json)

function hfUser(name, rnd) {
  return {
    _id: hex(rnd, 24), avatarUrl: `/avatars/${hex(rnd, 32)}.svg`, isPro: rnd.chance(0.1),
    fullname: name, user: handle(name), type: 'user', name: handle(name),
  };
}

function hfItem(paper, i, rnd) {
  const featured = paper.featured || paper.date;
  const p = { id: arxivId(paper) || paper.id };
  p.authors = (paper.authors || []).map((name) => {
    const author = { _id: hex(rnd, 24) };
    if (rnd.chance(0.4)) {
      author.user = hfUser(name, rnd);
      author.name = name;
      author.status = 'claimed_verified';
      author.statusLastChangedAt = timestamp(featured || '2025-10-01', rnd);
    } else {
      author.name = name;
    }
    author.hidden = false;
    return author;
  });
  if (rnd.chance(0.3)) p.mediaUrls = [`https://cdn-uploads.huggingface.co/production/uploads/${hex(rnd, 24)}/${hex(rnd, 21)}.mp4`];
  if (paper.date) p.publishedAt = timestamp(paper.date, rnd);
  if (featured) p.submittedOnDailyAt = `${isoDay(featured)}T00:00:00.000Z`;
  p.title = paper.title;
  const submitter = hfUser((paper.authors || ['Anonymous'])[0], rnd);
  p.submittedOnDailyBy = submitter;
  p.summary = paper.abstract || '';
  p.upvotes = paper.upvotes || 0;
  p.discussionId = hex(rnd, 24);
  const code = linkOf(paper, 'code');
  if (code) {
    p.githubRepo = code;
    p.githubStars = rnd.int(5000);
  }
  const project = linkOf(paper, 'project');
  if (project) p.projectPage = project;
  p.ai_summary = firstSentence(p.summary);
  p.ai_keywords = tagsOf(paper, 'keyword');
  p.ai_summary_model = 'Qwen/Qwen2.5-Coder-32B-Instruct';
  const item = { paper: p };
  if (paper.date) item.publishedAt = p.publishedAt;
  item.title = paper.title;
  item.summary = p.summary;
  if (p.mediaUrls) item.mediaUrls = p.mediaUrls;
  item.thumbnail = `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${p.id}.png`;
  item.numComments = rnd.int(8);
  item.submittedBy = {
    ...submitter, isHf: false, isHfAdmin: false, isMod: false, followerCount: rnd.int(300), isUserFollowing: false,
  };
  item.isAuthorParticipating = rnd.chance(0.5);
  return JSON.stringify(item);
}

// [SECTION] arXiv OAI snapshot JSON lines (as arxiv-oai-snapshot-head200.jsonl)

// The snapshot escapes every non-ASCII character (Python's json.dumps), and writes accents in
// `authors` as TeX; authors_parsed has them in Unicode.
const asciiJson = (value) =>
  JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const TEX_ACCENTS = { '\u0301': "\\'", '\u0300': '\\`', '\u0308': '\\"', '\u0302': '\\^', '\u0303': '\\~', '\u030c': '\\v', '\u0327': '\\c' };
const TEX_LETTERS = { ł: '\\l{}', Ł: '\\L{}', ø: '{\\o}', Ø: '{\\O}', ß: '{\\ss}', æ: '{\\ae}', å: '{\\aa}', Å: '{\\AA}' };
function texName(name) {
  return name.normalize('NFD')
    .replace(/([A-Za-z])([\u0300-\u036f])/g, (_, letter, mark) => `${TEX_ACCENTS[mark] || ''}${letter}`)
    .replace(/[^\x00-\x7f]/g, (c) => TEX_LETTERS[c] || c);
}
// Hard wraps at about `width` columns, as arXiv's metadata has them.
function wrap(text, width, indent) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join(`\n${indent}`);
}
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function rfc822(date, rnd) {
  const d = new Date(`${isoDay(date)}T00:00:00Z`);
  const t = `${String(rnd.int(24)).padStart(2, '0')}:${String(rnd.int(60)).padStart(2, '0')}:${String(rnd.int(60)).padStart(2, '0')}`;
  return `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${t} GMT`;
}

function arxivRecord(paper, i, rnd) {
  const names = paper.authors || [];
  const authors = names.length > 1
    ? `${names.slice(0, -1).map(texName).join(', ')} and ${texName(names[names.length - 1])}` : names.map(texName).join('');
  const record = {
    id: arxivId(paper) || paper.id,
    submitter: names[0] || null,
    authors,
    title: wrap(paper.title, 70, '  '),
    comments: rnd.chance(0.7) ? `${8 + rnd.int(30)} pages, ${1 + rnd.int(12)} figures` : null,
    'journal-ref': paper.venue || null,
    doi: paper.external_ids?.doi || null,
    'report-no': null,
    categories: tagsOf(paper, 'category').join(' '),
    license: rnd.chance(0.6) ? 'http://arxiv.org/licenses/nonexclusive-distrib/1.0/' : 'http://creativecommons.org/licenses/by/4.0/',
    abstract: `  ${wrap(paper.abstract || '', 78, '')}\n`,
    versions: paper.date ? [{ version: 'v1', created: rfc822(paper.date, rnd) }] : [],
    update_date: paper.date ? isoDay(paper.date) : '2025-10-01',
    authors_parsed: names.map((name) => {
      const cut = name.lastIndexOf(' ');
      return [name.slice(cut + 1), name.slice(0, Math.max(0, cut)), ''];
    }),
  };
  return asciiJson(record);
}

// [SECTION] Semantic Scholar Graph API /paper/search ({data: […]})

function s2Paper(paper, i, rnd) {
  const ids = {};
  if (paper.external_ids?.doi) ids.DOI = paper.external_ids.doi;
  if (arxivId(paper)) ids.ArXiv = arxivId(paper);
  ids.CorpusId = 200000000 + i;
  const pdf = linkOf(paper, 'pdf');
  const record = {
    paperId: hex(rnd, 40), externalIds: ids, url: `https://www.semanticscholar.org/paper/${hex(rnd, 40)}`,
    title: paper.title, abstract: paper.abstract || null, venue: paper.venue || '',
    year: paper.date ? Number(paper.date.slice(0, 4)) : null,
    publicationDate: paper.date && paper.date.length === 10 ? paper.date : null,
    citationCount: Math.floor(rnd.float() * rnd.float() * 400),
    fieldsOfStudy: ['Computer Science'],
    openAccessPdf: pdf ? { url: pdf, status: 'GREEN' } : null,
    authors: (paper.authors || []).map((name) => ({ authorId: String(1000000 + rnd.int(200000000)), name })),
  };
  return JSON.stringify(record);
}

// [SECTION] CSL-JSON (as Zotero / Better BibTeX export it)

function cslItem(paper, i) {
  const item = { id: `ps-${i}`, type: paper.venue ? 'paper-conference' : 'article', title: paper.title };
  if (paper.venue) item['container-title'] = paper.venue;
  item.author = (paper.authors || []).map((name) => {
    const cut = name.lastIndexOf(' ');
    return cut > 0 ? { family: name.slice(cut + 1), given: name.slice(0, cut) } : { literal: name };
  });
  if (paper.date) item.issued = { 'date-parts': [paper.date.split('-').map(Number)] };
  if (paper.external_ids?.doi) item.DOI = paper.external_ids.doi;
  if (arxivId(paper)) item.URL = `https://arxiv.org/abs/${arxivId(paper)}`;
  const keywords = tagsOf(paper, 'keyword');
  if (keywords.length) item.keyword = keywords.join(', ');
  if (paper.abstract) item.abstract = paper.abstract;
  return JSON.stringify(item);
}

const bundleHead = (seed, papers) => '{\n"format": "paperscope-bundle",\n"version": 1,\n' +
  `"title": ${JSON.stringify(`Synthetic papers (seed ${seed}, ${papers} papers)`)},\n` +
  `"description": ${JSON.stringify('Generated by tools/lib/bench/generate.mjs for tools/bench: realistic shape, invented content.')},\n` +
  '"created": "2025-10-01",\n"source": {"name": "paperscope synthetic generator"},\n"papers": [\n';

// name → { label, extension, head(seed, papers), separator, tail, record }
export const SHAPES = {
  bundle: { label: 'Paperscope bundle', extension: 'json', head: bundleHead, separator: ',\n', tail: '\n]\n}\n', record: (p) => JSON.stringify(p) },
  hf: { label: 'HF daily papers JSON', extension: 'json', head: () => '[\n', separator: ',\n', tail: '\n]\n', record: hfItem },
  arxiv: { label: 'arXiv JSON lines', extension: 'jsonl', head: () => '', separator: '\n', tail: '\n', record: arxivRecord },
  s2: { label: 'Semantic Scholar JSON', extension: 'json', head: (seed, papers) => `{"total": ${papers}, "offset": 0, "data": [\n`, separator: ',\n', tail: '\n]}\n', record: s2Paper },
  csl: { label: 'CSL-JSON', extension: 'json', head: () => '[\n', separator: ',\n', tail: '\n]\n', record: cslItem },
};
