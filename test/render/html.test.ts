import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { Review } from '../../src/model/review.js';
import { parseMarkdownReview } from '../../src/parse/parse-review.js';
import { parseInputs, reviewsOf } from '../../src/pipeline.js';
import {
  homePage,
  renderDocument,
  renderMarkdown,
  reviewBody,
  reviewPage,
  serverUrls,
  staticUrls,
  summarizeReview,
  titleOf,
} from '../../src/render/html/index.js';
import { FIXTURES_DIR, goldenText, REPO_ROOT } from '../helpers.js';

const FIXTURES = readdirSync(FIXTURES_DIR)
  .filter((name) => /\.(md|txt)$/.test(name))
  .sort();

/** Everything in rendered HTML that could run script or leave the page: none may survive sanitising. */
function dangerIn(markup: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${markup}</body></html>`);
  const found: string[] = [];
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'style', 'form', 'svg', 'link', 'meta', 'base'].includes(tag))
      found.push(`<${tag}>`);
    for (const { name, value } of element.attributes) {
      if (name === 'id' || name === 'srcset') found.push(`${tag}[${name}]`);
      if (name.startsWith('on')) found.push(`${tag}[${name}]`);
      if ((name === 'href' || name === 'src') && /^\s*(javascript|vbscript|data|file):/i.test(value))
        found.push(`${tag}[${name}=${value}]`);
      if (name === 'style') found.push(`${tag}[style]`);
    }
  }
  return found;
}

const ATTACKS = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![pixel](javascript:alert(1))',
  '![pixel](data:image/svg+xml;base64,PHN2Zy8+)',
  '<iframe src="https://evil.example"></iframe>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<svg onload=alert(1)>',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '<details open ontoggle=alert(1)>',
  '`<script>` in code and\n\n```html\n<script>alert(1)</script>\n```',
  '<a href=" javascript:alert(1)">x</a> <a href="&#106;avascript:alert(1)">y</a>',
  '<img src="https://a.example/x.png" srcset="javascript:alert(1) 2x" id="main">',
  '<form action="https://evil.example"><input type="text" name="q"><button>Go</button></form>',
  '<base href="https://evil.example/"><link rel="stylesheet" href="https://evil.example/x.css">',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<a href="//evil.example/x">protocol-relative</a>',
];

describe('renderMarkdown: raw HTML and scripts are neutralised', () => {
  it.each(ATTACKS)('%s', (attack) => {
    const out = renderMarkdown(attack).value;
    expect(dangerIn(out)).toEqual([]);
    expect(out).not.toMatch(/<(script|iframe|svg|style|form|button|math)\b|"[^"]*evil\.example/i);
  });

  it("keeps the text of a dropped link and of a removed tag, never a script's", () => {
    expect(renderMarkdown('[click](javascript:alert(1))').value).toContain('click');
    expect(renderMarkdown('<marquee>moving</marquee> <b>bold</b>').value).toBe('<p>moving <b>bold</b></p>\n');
    expect(renderMarkdown('Before <script>alert(1)</script> after').value).toBe('<p>Before  after</p>\n');
  });

  it('keeps http(s), mailto, relative links and anchors', () => {
    const out = renderMarkdown(
      '[a](https://a.example/x?y=1&z=2) [b](mailto:ops@example.com) [c](../other.md) [d](#impact)',
    ).value;
    expect(out).toContain('href="https://a.example/x?y=1&amp;z=2"');
    expect(out).toContain('href="mailto:ops@example.com"');
    expect(out).toContain('href="../other.md"');
    expect(out).toContain('href="#impact"');
  });

  it('resolves links through the caller and drops those it refuses', () => {
    const out = renderMarkdown('[next](2024-01-01-a.md) [gone](missing.md)', {
      resolveLink: (href) => (href === '2024-01-01-a.md' ? '../reviews/2024-01-01-a.html' : null),
    }).value;
    expect(out).toContain('<a href="../reviews/2024-01-01-a.html">next</a>');
    expect(out).toContain('<a>gone</a>');
  });

  it('renders task list items as read-only checkboxes and demotes headings', () => {
    const out = renderMarkdown('# Big\n\n- [x] done\n- [ ] open', { minHeadingLevel: 3 }).value;
    expect(out).toContain('<h3>Big</h3>');
    expect(out).toContain('<input type="checkbox" disabled checked aria-label="done"> done');
    expect(out).toContain('<input type="checkbox" disabled aria-label="open"> open');
  });
});

describe('renderMarkdown: bare addresses', () => {
  it('links https:// addresses written out, leaving closing punctuation and code alone', () => {
    expect(
      renderMarkdown(
        'See https://status.example.com/incident/17006. (https://a.example/x_(y)), `https://in.code`',
      ).value,
    ).toBe(
      '<p>See <a href="https://status.example.com/incident/17006">https://status.example.com/incident/17006</a>. ' +
        '(<a href="https://a.example/x_(y)">https://a.example/x_(y)</a>), <code>https://in.code</code></p>\n',
    );
  });

  it('leaves bare domains, e-mail addresses, other schemes and protocol-relative addresses as text', () => {
    const text =
      'www.example.com example.com ops@example.com git@github.com:a/b javascript://x ftp://f.example //h.example/x';
    expect(renderMarkdown(text).value).toBe(`<p>${text}</p>\n`);
  });
});

describe('renderMarkdown: emoji shortcodes', () => {
  it("shows the emoji GitHub knows, leaves a chat's own names, smileys, times and code as written", () => {
    expect(renderMarkdown('On fire :fire: :+1: :ship_it_parrot: :) at 10:30:45, `:fire:`').value).toBe(
      '<p>On fire 🔥 👍 :ship_it_parrot: :) at 10:30:45, <code>:fire:</code></p>\n',
    );
    expect(renderMarkdown('Shipped :+1:').value).toBe('<p>Shipped 👍</p>\n');
  });
});

describe('renderMarkdown: HTML written in markdown', () => {
  const render = (markdown: string) =>
    renderMarkdown(markdown, {
      minHeadingLevel: 3,
      resolveLink: (href) =>
        href === 'other.md' ? '../reviews/other.html' : href.endsWith('.md') ? null : href,
    }).value;

  it('drops comments, as every markdown renderer does', () => {
    expect(render('Summary.\n\n<!-- more -->\n\nRest <!-- a note --> here.')).toBe(
      '<p>Summary.</p>\n\n<p>Rest  here.</p>\n',
    );
  });

  it('keeps <details> with the markdown inside it', () => {
    expect(render('<details>\n<summary>Logs</summary>\n\nSome **text**.\n\n</details>')).toBe(
      '<details>\n<summary>Logs</summary>\n<p>Some <strong>text</strong>.</p>\n</details>',
    );
  });

  it("keeps images with safe addresses and their size, and judges links as markdown's are", () => {
    const out = render(
      '<img width="300" src="https://a.example/x.png" alt="graph" onerror="x()"> <a href="other.md">next</a> ' +
        '<a href="missing.md">gone</a> [md](other.md) <img src="data:image/png;base64,AAAA">',
    );
    expect(out).toBe(
      '<p><img width="300" alt="graph" src="https://a.example/x.png" /> <a href="../reviews/other.html">next</a> ' +
        '<a>gone</a> <a href="../reviews/other.html">md</a> <img /></p>\n',
    );
  });

  it('keeps checkboxes read-only, removes other inputs and any tabindex but the one for scrolling', () => {
    expect(render('<input type="checkbox" checked> <input type="text" name="q"> <input>')).toBe(
      '<p><input type="checkbox" checked disabled />  </p>\n',
    );
    expect(render('<pre tabindex="-1">a</pre>\n\n<div tabindex="3">b</div>')).toBe(
      '<pre>a</pre>\n<div>b</div>',
    );
  });

  it("keeps headings under the page's own and drops style, id and unknown classes", () => {
    expect(render('<h1 id="top">Big</h1>\n\n<div style="color:red" class="x" onclick="f()">Box</div>')).toBe(
      '<h3>Big</h3>\n<div>Box</div>',
    );
  });

  it('keeps what markdown itself writes in a text that holds HTML', () => {
    const markdown = '<kbd>Ctrl</kbd>\n\n- [x] done\n\n| a |\n|--:|\n| 1 |\n\n```js\n<b>\n```';
    const out = render(markdown);
    expect(out).toContain(
      '<li class="task"><input type="checkbox" disabled checked aria-label="done" /> done</li>',
    );
    expect(out).toContain('<div class="table-wrap" tabindex="0"><table>');
    expect(out).toContain('<th style="text-align:right">a</th>');
    expect(out).toContain('<pre tabindex="0"><code class="language-js">&lt;b&gt;\n</code></pre>');
    expect(out).toContain('<p><kbd>Ctrl</kbd></p>');
  });
});

describe.each(FIXTURES)('golden HTML body %s', (name) => {
  it('matches test/fixtures/<case>.html and carries nothing dangerous', async () => {
    const reviews = reviewsOf(await parseInputs([join(FIXTURES_DIR, name)], REPO_ROOT));
    const body = reviews.map((review) => reviewBody(review).value).join('\n');
    expect(dangerIn(body)).toEqual([]);
    goldenText(name.replace(/\.(md|txt)$/, '.html'), body);
  });
});

function parse(text: string, path = '2025-04-03-export.md'): Review {
  return parseMarkdownReview({ path, text, format: 'markdown' }).review;
}

const REVIEW = parse(
  [
    '---',
    'title: Ledger export wrote <empty> files',
    'date: 2025-04-03',
    'severity: P2',
    'status: published',
    'services: [ledger-export, reporting]',
    'tags: [batch]',
    'started: 2025-04-03T06:10',
    'detected: 2025-04-03T06:40',
    'mitigated: 2025-04-03T07:05',
    'resolved: 2025-04-03T08:20',
    '---',
    '',
    '# Ledger export wrote <empty> files',
    '',
    '## Summary',
    '',
    'The nightly export wrote zero-byte files. <script>alert(1)</script>',
    '',
    '## Timeline',
    '',
    '- 2025-04-03',
    '  - 06:10 Export starts writing empty files',
    '  - 06:40 Partner reports an empty file',
    '  - 07:05 Previous policy restored',
    '  - 08:20 Files re-sent',
    '',
    '## Action items',
    '',
    '- [x] Restore the bucket policy @mira due:2025-04-03 https://tracker.example.com/OPS-101',
    '- [ ] Alert on empty export files @lee due:2025-04-30 https://tracker.example.com/OPS-102',
    '- [ ] Write the runbook',
    '',
  ].join('\n'),
);

describe('reviewBody: link references hold for the whole review', () => {
  const review = parse(
    [
      '# Ref links',
      '',
      '## Summary',
      '',
      'The [status page][sp] showed it; see [the runbook] and [this][evil].',
      '',
      '## Root cause',
      '',
      'A deploy, as [the graph][G] shows.',
      '',
      '```',
      '[code]: https://not-a-definition.example',
      '```',
      '',
      '[sp]: https://status.example.com "Status"',
      '[the runbook]: ../runbooks/db.md',
      '[g]: https://grafana.example.com/d/1',
      '[sp]: https://second.example.com',
      '',
      '[evil]: javascript:alert(1)',
      '',
    ].join('\n'),
  );

  it('resolves a link in one section against a definition at the end of another', () => {
    const body = reviewBody(review, { resolveLink: (href) => href.replace(/\.md$/, '.html') }).value;
    expect(body).toContain('<a href="https://status.example.com" title="Status">status page</a>');
    expect(body).toContain('<a href="../runbooks/db.html">the runbook</a>');
    expect(body).toContain('<a href="https://grafana.example.com/d/1">the graph</a>');
    expect(body).not.toContain('second.example.com');
    expect(body).toContain('[this][evil]');
    expect(dangerIn(body)).toEqual([]);
  });
});

describe('reviewBody: a review renders as one document, shown section by section', () => {
  const sections = (body: string) =>
    [...parseHTML(`<body>${body}</body>`).document.querySelectorAll('section.section')].map((section) => ({
      kind: section.className.replace('section section-', ''),
      html: section.innerHTML.replace(/\s+/g, ' ').trim(),
    }));

  it('numbers footnotes across sections and lists them at the end of the last one', () => {
    const review = parse(
      [
        '# Token leak',
        '',
        '## Summary',
        '',
        'A token leaked[^when] and was revoked.',
        '',
        '## Root cause',
        '',
        'A build ran with local edits[^build].',
        '',
        '## Action items',
        '',
        '- [ ] Rotate tokens quarterly',
        '',
        '[^when]: The exact date is unknown.',
        '[^build]: From a laptop, not CI.',
        '',
      ].join('\n'),
    );
    const [summary, cause, actions] = sections(reviewBody(review).value);
    expect(summary?.html).toContain(
      'leaked<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>',
    );
    expect(cause?.html).toContain('edits<sup class="footnote-ref"><a href="#fn2" id="fnref2">[2]</a></sup>');
    expect(actions?.html).toMatch(/Rotate tokens quarterly<\/li> <\/ul> <hr class="footnotes-sep">/);
    expect(actions?.html).toContain('<li id="fn1" class="footnote-item"><p>The exact date is unknown.');
    expect(actions?.html).toContain('aria-label="Back to the text" href="#fnref2" class="footnote-backref"');
  });

  it('keeps footnotes in a section that holds HTML, and no other id', () => {
    const review = parse(
      '# Leak\n\n## Summary\n\nA token<br>leaked[^1].\n\n<p id="main">Text</p>\n\n[^1]: Unknown date.\n',
    );
    const body = reviewBody(review).value;
    const { document } = parseHTML(`<body>${body}</body>`);
    const reference = document.querySelector('sup.footnote-ref a');
    expect([reference?.id, reference?.getAttribute('href'), reference?.textContent]).toEqual([
      'fnref1',
      '#fn1',
      '[1]',
    ]);
    expect(document.querySelector('li.footnote-item')?.id).toBe('fn1');
    expect(body).toContain('<p>Text</p>');
  });

  it('keeps what one section leaves open out of the next', () => {
    const review = parse(
      [
        '# Open ends',
        '',
        '## Summary',
        '',
        '- a list item',
        '',
        '## Impact',
        '',
        '  An indented paragraph.',
        '',
        '## Root cause',
        '',
        '> A quote',
        '',
        '## Detection',
        '',
        'Lazy text.',
      ].join('\n'),
    );
    expect(sections(reviewBody(review).value)).toEqual([
      { kind: 'summary', html: '<h2>Summary</h2> <ul> <li>a list item</li> </ul>' },
      { kind: 'impact', html: '<h2>Impact</h2> <p>An indented paragraph.</p>' },
      { kind: 'root-cause', html: '<h2>Root cause</h2> <blockquote> <p>A quote</p> </blockquote>' },
      { kind: 'detection', html: '<h2>Detection</h2> <p>Lazy text.</p>' },
    ]);
  });

  it('shows labelled bullets read as sections once, in the list that holds them', () => {
    const review = parse(
      [
        '# Checkout outage',
        '',
        '## Summary',
        '',
        '- **Impact**: checkout failed for 20 minutes.',
        '- **Root cause**: a missing index.',
        '',
        '## Timeline',
        '',
        '- 2025-01-01 10:00 errors begin',
      ].join('\n'),
    );
    expect(review.sections.map((s) => [s.kind, s.nested ?? false])).toEqual([
      ['summary', false],
      ['impact', true],
      ['root-cause', true],
      ['timeline', false],
    ]);
    const body = reviewBody(review).value;
    expect(sections(body).map((s) => s.kind)).toEqual(['summary', 'timeline']);
    expect(body.split('checkout failed').length - 1).toBe(1);
  });
});

describe('titleOf', () => {
  it.each([
    [{ title: 'Checkout outage', id: '2024-02-28-checkout' }, 'Checkout outage'],
    [{ title: null, id: '2024-02-28-decide-is-down' }, 'Decide is down'],
    [{ title: null, id: 'negative_coin-values' }, 'Negative coin values'],
    [{ title: null, id: '160d35a4-38ac-49da-a261-97d12c86203c' }, '160d35a4-38ac-49da-a261-97d12c86203c'],
    [{ title: null, id: '2014-07-08' }, '2014-07-08'],
  ])('%o is shown as "%s"', (review, shown) => {
    expect(titleOf(review)).toBe(shown);
  });
});

describe('reviewPage', () => {
  const page = reviewPage({
    review: REVIEW,
    diagnostics: [],
    related: [],
    similar: [summarizeReview(parse('# Other outage\n\n**Date:** 2025-01-09\n', '2025-01-09-other.md'), [])],
    editUrl: 'https://git.example.com/ops/reviews/edit/main/2025-04-03-export.md',
    today: '2025-05-01',
    urls: staticUrls('reviews/2025-04-03-export.html'),
  });
  const { document } = parseHTML(
    renderDocument(page, { urls: staticUrls('reviews/2025-04-03-export.html') }),
  );

  it('escapes the title and neutralises script in the body', () => {
    expect(document.querySelector('h1')?.textContent).toBe('Ledger export wrote <empty> files');
    expect(document.querySelectorAll('script')).toHaveLength(0);
    const summary = document.querySelector('.section-summary')?.textContent ?? '';
    expect(summary).toContain('The nightly export wrote zero-byte files.');
    expect(summary).not.toContain('alert(1)');
  });

  it('shows the facts with computed TTD, TTM and TTR and links services to their lists', () => {
    const facts = document.querySelector('.facts')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(facts).toContain('SEV2');
    expect(facts).toMatch(/TTD ?30m/);
    expect(facts).toMatch(/TTM ?55m/);
    expect(facts).toMatch(/TTR ?2h 10m/);
    const services = [...document.querySelectorAll('.facts a')].map((a) => a.getAttribute('href'));
    expect(services).toContain('../services/ledger-export.html');
    expect(services).toContain('../tags/batch.html');
  });

  it('draws the timeline track with every mark and event', () => {
    expect(document.querySelectorAll('.track circle')).toHaveLength(4);
    expect(document.querySelectorAll('.track .track-event')).toHaveLength(4);
    expect(document.querySelector('.track svg')?.getAttribute('aria-label')).toContain(
      'Detected 2025-04-03 06:40',
    );
  });

  it('lists action items with owner, due date, status (overdue against today) and link', () => {
    const rows = [...document.querySelectorAll('.action-items tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['Restore the bucket policy', 'mira', '2025-04-03', 'done', 'tracker.example.com/OPS-101'],
      ['Alert on empty export files', 'lee', '2025-04-30', 'overdue', 'tracker.example.com/OPS-102'],
      ['Write the runbook', 'none', '–', 'open', '–'],
    ]);
  });

  it('links similar reviews and the edit link', () => {
    expect(document.querySelector('.review-links a')?.getAttribute('href')).toBe(
      '../reviews/2025-01-09-other.html',
    );
    expect(document.querySelector('.edit-link a')?.getAttribute('href')).toMatch(
      /^https:\/\/git\.example\.com/,
    );
  });

  it('shows diagnostics for a review that did not parse cleanly', () => {
    const broken = reviewPage({
      review: REVIEW,
      diagnostics: [
        {
          rule: 'front-matter-invalid',
          severity: 'error',
          message: 'front matter is not valid YAML',
          file: 'x.md',
          line: 3,
          column: 1,
        },
      ],
      related: [],
      similar: [],
      editUrl: null,
      today: '2025-05-01',
      urls: serverUrls(),
    });
    expect(broken.main.value).toContain('Needs attention');
    expect(broken.main.value).toContain('line 3: front matter is not valid YAML');
  });
});

describe('renderDocument: the shell', () => {
  it('has a skip link, the nav with the current page, extra nav items and external scripts only', () => {
    const urls = serverUrls();
    const doc = renderDocument(homePage({ reviews: [summarizeReview(REVIEW, [])], urls }), {
      urls,
      extraNav: [{ key: 'new', label: 'New review', href: '/new' }],
      scripts: ['/assets/editor.js'],
    });
    const { document } = parseHTML(doc);
    expect(document.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main');
    expect(document.querySelector('main')?.id).toBe('main');
    expect(document.querySelector('nav a[aria-current="page"]')?.textContent).toBe('Reviews');
    expect(document.querySelector('nav a[href="/new"]')?.textContent).toBe('New review');
    const scripts = [...document.querySelectorAll('script')];
    expect(scripts.map((s) => s.getAttribute('src'))).toEqual(['/assets/editor.js']);
    expect(scripts.every((s) => s.textContent === '')).toBe(true);
    expect(doc).not.toMatch(/\son[a-z]+=/);
    expect(document.querySelector('link[rel="stylesheet"]')?.getAttribute('href')).toBe('/assets/site.css');
    expect(document.querySelector('.review-row a')?.getAttribute('href')).toBe('/reviews/2025-04-03-export');
  });
});

describe('homePage', () => {
  it('groups reviews by year, newest first, with severity, duration split and a one-line summary', () => {
    const older = parse('# Older\n\n**Date:** 2024-02-01\n**Severity:** P1\n', '2024-02-01-older.md');
    const urls = staticUrls('index.html');
    const page = homePage({ reviews: [older, REVIEW].map((r) => summarizeReview(r, [])), urls });
    const { document } = parseHTML(`<main>${page.main.value}</main>`);
    expect([...document.querySelectorAll('.year h2')].map((h) => h.firstChild?.textContent?.trim())).toEqual([
      '2025',
      '2024',
    ]);
    const first = document.querySelector('.review-row');
    expect(first?.querySelector('a')?.getAttribute('href')).toBe('reviews/2025-04-03-export.html');
    expect(first?.getAttribute('data-services')).toBe('ledger-export|reporting');
    expect(first?.textContent).toContain('silent 30m');
    expect(first?.textContent).toContain('response 1h 40m');
    expect(first?.querySelector('.row-summary')?.textContent).toBe(
      'The nightly export wrote zero-byte files.',
    );
    expect(document.querySelector('#filters select[name="services"]')?.textContent).toContain('reporting');
  });
});
