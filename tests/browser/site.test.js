// site.test.js - the browser test of the planwatch site (run by
// tests/e2e/t5100-browser.sh): Debian's chromium, headless, driven by
// playwright-core.  BASE is the server's address; OUT the folder for the
// screenshots.  Checks, in order:
//  - every public page renders (the overview with its charts drawn), with
//    the 演示数据 banner while the database holds no approved value, and
//    has no serious or critical axe-core violation; a screenshot of each;
//  - no console error (a CSP violation would be one);
//  - an editor signs in, sees the limits the planning office set above
//    the entry form, enters a value outside them and sees the message
//    naming them at the value field, enters a value with a wrong unit and
//    sees the message at the unit field, corrects it and submits with a supporting
//    document (PDF); a planner sees the document and
//    approves it, and sets the deadline of 2021's figures in the /admin
//    form, which the reporting page then states; the public indicator
//    page shows the value and its status, and the banner is gone;
//  - with STATIC (the address of a "planwatch publish" folder on a plain
//    static file server): its pages, charts
//    drawn, axe, and the indicator list filtered in place.
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');
const assert = require('assert');

const BASE = process.env.BASE;
const OUT = process.env.OUT;
const IND = process.env.INDICATOR; // the indicator the editor's unit leads
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const PAGES = [
	['overview', '/plans/1'], ['home', '/'], ['indicators', '/plans/1/indicators'],
	['indicators-filtered', '/plans/1/indicators?status=not_met&sort=name'],
	['indicator', '/indicators/' + IND], ['targets', '/plans/1/targets'],
	['projects', '/plans/1/projects'], ['previous', '/plans/1/previous'],
	['reporting', '/plans/1/reporting'], ['downloads', '/plans/1/downloads'], ['login', '/login'],
];

async function axeCheck(page, name) {
	// axe is injected through the page's own script context by evaluate(),
	// which the CSP does not govern
	await page.evaluate(axeSource);
	const res = await page.evaluate(() => window.axe.run(document, {
		resultTypes: ['violations'] }));
	const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	for (const v of bad)
		console.error(`axe ${name}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} nodes: ` +
			v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ') + ')');
	assert.strictEqual(bad.length, 0, `${name}: serious or critical accessibility violations`);
}

async function signIn(page, user, password) {
	await page.goto(BASE + '/login');
	await page.fill('#username', user);
	await page.fill('#password', password);
	await Promise.all([page.waitForURL(BASE + '/me'), page.click('button[type=submit]')]);
}

async function main() {
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
		args: ['--no-sandbox'] });
	const errors = [];
	const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	const page = await ctx.newPage();
	// a refused value (422) is logged by the browser as a failed load: expected
	page.on('console', (m) => {
		if (m.type() === 'error' && !/status of 422/.test(m.text())) errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(String(e)));

	for (const [name, url] of PAGES) {
		const resp = await page.goto(BASE + url);
		assert.strictEqual(resp.status(), 200, url);
		assert.ok(resp.headers()['content-security-policy'].includes("default-src 'self'"), url);
		if (url !== '/login')
			assert.ok(await page.isVisible('.demo-banner'), `${url}: 演示数据 banner`);
		if (await page.$('.chart'))
			await page.waitForSelector('.chart[data-rendered] svg', { timeout: 10000 });
		await axeCheck(page, name);
		await page.screenshot({ path: path.join(OUT, name + '.png'), fullPage: true });
	}
	// the overview's charts: the status counts and the categories
	await page.goto(BASE + '/plans/1');
	await page.waitForSelector('.chart[data-rendered] svg');
	assert.strictEqual(await page.locator('.chart[data-rendered]').count(), 2, 'overview charts');
	await page.screenshot({ path: path.join(OUT, 'dashboard.png') });
	// a phone
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const pp = await phone.newPage();
	for (const [name, url] of PAGES) {
		await pp.goto(BASE + url);
		if (await pp.$('.chart'))
			await pp.waitForSelector('.chart[data-rendered] svg');
		const overflow = await pp.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
		assert.ok(!overflow, `${url} fits a phone without sideways scrolling (wide tables scroll inside)`);
	}
	await pp.goto(BASE + '/plans/1');
	await pp.waitForSelector('.chart[data-rendered] svg');
	await pp.screenshot({ path: path.join(OUT, 'overview-phone.png'), fullPage: true });
	await phone.close();

	// the editor
	await signIn(page, 'editor1', 'editor-pass-1');
	const form = `form.entry[data-indicator="${IND}"]`;
	assert.ok((await page.textContent(`#ind-${IND} .limits`)).includes('0–50 %'),
		'the entry form states the limits the planning office set');
	await page.fill(`${form} [name=year]`, '2021');
	await page.fill(`${form} [name=value]`, '80');
	await page.click(`${form} button[type=submit]`);
	const valueErr = `#e${IND}-value`;
	await page.waitForFunction((s) => document.querySelector(s).textContent.includes('合理范围'), valueErr);
	assert.ok((await page.textContent(valueErr)).includes('0–50 %'), 'the message names the limits');
	assert.strictEqual(await page.getAttribute(`${form} [name=value]`, 'aria-invalid'), 'true');
	await page.screenshot({ path: path.join(OUT, 'entry-limits-error.png'), fullPage: true });
	await page.fill(`${form} [name=value]`, '8.4');
	await page.fill(`${form} [name=unit]`, '亿元');
	await page.fill(`${form} [name=note]`, '统计快报<script>x</script>');
	await page.click(`${form} button[type=submit]`);
	const unitErr = `#e${IND}-unit`;
	await page.waitForFunction((s) => document.querySelector(s).textContent.trim() !== '', unitErr);
	assert.strictEqual(await page.getAttribute(`${form} [name=unit]`, 'aria-invalid'), 'true');
	await page.screenshot({ path: path.join(OUT, 'entry-unit-error.png'), fullPage: true });
	await page.fill(`${form} [name=unit]`, '%');
	await page.setInputFiles(`${form} [name=document]`, { name: '统计快报.pdf',
		mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 快报') });
	await page.click(`${form} button[type=submit]`);
	await page.waitForFunction((s) => document.querySelector(s).textContent.includes('材料已上传'), `#m${IND}`);
	assert.strictEqual((await page.textContent(unitErr)).trim(), '', 'the unit message goes');
	await page.click('#logout');
	await page.waitForURL(BASE + '/');

	// the planner
	await signIn(page, 'planner1', 'planner-pass-1');
	await page.goto(BASE + '/review');
	const row = page.locator('#review tbody tr', { hasText: '8.4' });
	assert.strictEqual(await row.count(), 1, 'the value waits in the review queue');
	assert.ok((await row.textContent()).includes('<script>'), 'a note with <script> shows as text');
	assert.strictEqual(await row.locator('.docs a', { hasText: '统计快报.pdf' }).count(), 1,
		'the supporting document is linked for the planner');
	await row.locator('button[name=approve]').click();
	await row.locator('text=已审核（锁定）').waitFor();
	await page.screenshot({ path: path.join(OUT, 'review.png'), fullPage: true });

	// the planner sets the deadline of 2021's figures; the reporting page states it
	await page.goto(BASE + '/admin');
	await page.fill('#dl-plan', '1');
	await page.fill('#dl-year', '2021');
	await page.fill('#dl-due', '2022-01-10');
	await page.click('#deadline-form button[type=submit]');
	await page.waitForFunction(() => document.querySelector('#deadline-form .ok').textContent.includes('已保存'));
	await page.goto(BASE + '/plans/1/reporting');
	assert.ok((await page.textContent('ul.deadlines')).includes('2021年数据：2022-01-10前报送（规划部门设定）'),
		'the reporting page states the deadline the planner set');

	// the public page: the real value, no banner
	await page.goto(BASE + '/indicators/' + IND);
	assert.ok(!(await page.isVisible('.demo-banner')), 'the banner goes with the first real value');
	const obs = await page.textContent('section[aria-labelledby=h-obs] table');
	assert.ok(obs.includes('8.4') && obs.includes('2021'), 'the approved value is shown');
	const status = await page.textContent('.facts .st');
	assert.ok(status && status !== '无数据', 'the indicator has a status: ' + status);
	await page.waitForSelector('.chart[data-rendered] svg');
	await axeCheck(page, 'indicator-real');
	await page.screenshot({ path: path.join(OUT, 'indicator-after-approval.png'), fullPage: true });

	// the static copy (planwatch publish): the same pages from files
	if (process.env.STATIC) {
		const files = ['index.html', 'plans/1/index.html', 'plans/1/indicators/index.html',
			'indicators/' + IND + '/index.html', 'plans/1/reporting/index.html'];
		for (const f of files) {
			await page.goto(process.env.STATIC + '/' + f);
			assert.ok(await page.isVisible('main h1'), 'static ' + f);
			if (await page.$('.chart'))
				await page.waitForSelector('.chart[data-rendered] svg', { timeout: 10000 });
			await axeCheck(page, 'static ' + f);
		}
		// the filter form of the static list is applied by site.js
		await page.goto(process.env.STATIC + '/plans/1/indicators/index.html?status=not_met');
		const shown = await page.locator('#indicator-list tbody tr:visible').count();
		const all = await page.locator('#indicator-list tbody tr').count();
		assert.ok(shown > 0 && shown < all, `static filter: ${shown} of ${all} rows`);
		await page.screenshot({ path: path.join(OUT, 'static-indicators-filtered.png'), fullPage: true });
	}

	await browser.close();
	assert.deepStrictEqual(errors, [], 'console errors');
	console.log('browser: ok (' + PAGES.length + ' pages, entry, approval)');
}

main().catch((e) => { console.error(e); process.exit(1); });
