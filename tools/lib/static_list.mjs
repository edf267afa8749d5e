// Build step: writes the default collection as a plain HTML list into the page, for screen
// readers and crawlers without JavaScript (<noscript>) and for browsers without WebGL 2 (a
// <template> the page shows instead of the canvas). Everything from the bundle is escaped.
//   node static_list.mjs BUNDLE.json PAGE_TEMPLATE.html OUT.html
import fs from 'node:fs';

const [bundlePath, templatePath, outPath] = process.argv.slice(2);
const bundle = JSON.parse(fs.readFileSync(bundlePath, 'utf8'));
const escape = (text) => String(text).replace(/[&<>"']/g, (c) =>
  ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// The page a paper is best read at, as the explorer chooses it (http(s) only).
function mainUrl(paper) {
  const ids = paper.external_ids || {};
  const id = String(paper.id || '');
  if (ids.arxiv) return `https://arxiv.org/abs/${ids.arxiv}`;
  if (/^\d{4}\.\d{4,5}$/.test(id)) return `https://arxiv.org/abs/${id}`;
  if (ids.doi) return `https://doi.org/${ids.doi}`;
  if (id.startsWith('10.')) return `https://doi.org/${id}`;
  const link = (paper.links || []).find((l) => /^https?:\/\//i.test(l.url));
  return link ? link.url : '';
}

const papers = [...bundle.papers].sort((a, b) => String(b.date || '').localeCompare(String(a.date || '')));
const items = papers.map((p) => {
  const url = mainUrl(p);
  const title = url ? `<a href="${escape(url)}" rel="noopener">${escape(p.title)}</a>` : escape(p.title);
  const authors = (p.authors && p.authors.length) ? p.authors.join(', ')
    : p.author_count ? `${p.author_count} authors` : '';
  const meta = [authors, p.date || 'undated', `${p.upvotes || 0} upvotes`].filter(Boolean).join(' · ');
  return `<li><p class="title">${title}</p><p class="meta">${escape(meta)}</p></li>`;
}).join('\n');
const list = `<section class="paperscope-static" aria-label="${escape(bundle.title || 'Papers')}">\n` +
  `<h1>${escape(bundle.title || 'Papers')}</h1>\n` +
  (bundle.description ? `<p>${escape(bundle.description)}</p>\n` : '') +
  `<ol>\n${items}\n</ol>\n</section>`;
const page = fs.readFileSync(templatePath, 'utf8').replace(/<!-- paperscope:static-list -->/g, list);
if (page.indexOf(list) < 0) throw new Error(`${templatePath} has no <!-- paperscope:static-list --> marker`);
fs.writeFileSync(outPath, page);
