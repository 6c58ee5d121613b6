import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const p = await b.newPage({ viewport: { width: 1100, height: 1300 } });
const [f, out, sel, full] = process.argv.slice(2);
await p.goto('file://' + f);
if (sel && sel !== '-') await p.locator(sel).first().scrollIntoViewIfNeeded();
await p.screenshot({ path: out, fullPage: full === 'full' });
await b.close();
