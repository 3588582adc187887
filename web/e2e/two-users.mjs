// End to end in headless Chromium: two users of one tenant, each in a browser context of their own, open the same
// opportunity and see each other's presence, comment and note edit; one uploads a document, both see it read, and
// its text is searchable; a pipeline move made on the opportunity's page shows live on the other's and on the
// dashboard; on the pipeline board, moves by keyboard and by dragging show live on the other's board, and a move that
// lost a race shows the winner's stage; the AI search finds a notice by meaning, its page lists similar ones, and with
// the tenant's profile set its analysis shows a fit score with the reasons. The page works under its
// Content-Security-Policy (no violation is reported), and axe-core finds no WCAG 2.1 AA violation on any view.
//   node web/e2e/two-users.mjs http://127.0.0.1:8080 [screenshot-dir] [a PDF to upload]
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.argv[2];
const shots = process.argv[3];
const documentFile = process.argv[4];
const TIMEOUT = 15_000;
const AXE = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const pages = [];
const consoleLines = [];
const violations = [];
try {
  const admin = await open('admin@demo.local');
  const member = await open('member@demo.local');
  await accessible(admin, 'the opportunities list');

  // a search shared by its address: the form shows its filters, every notice listed fits them, soonest due first,
  // and the next page follows; a search that finds nothing says which filters it ran with
  await member.goto(base + '/#/?naics=339113&sort=due');
  await member.waitForSelector('#list-status:has-text("shown")', { timeout: TIMEOUT });
  const searched = await member.evaluate(() => ({
    naics: document.getElementById('naics').value, sort: document.getElementById('sort').value,
    cards: [...document.querySelectorAll('#opportunities li small')].map((s) => s.textContent),
    more: !document.getElementById('more').hidden,
  }));
  const due = searched.cards.map((meta) => meta.match(/due (\d{4}-\d\d-\d\d)/)?.[1]).filter(Boolean);
  if (searched.naics !== '339113' || searched.sort !== 'due' || searched.cards.length !== 25 || !searched.more
      || !searched.cards.every((meta) => meta.includes('339113')) || due.join() !== [...due].sort().join()) {
    throw new Error('the search by address shows ' + JSON.stringify(searched));
  }
  await member.click('#more');
  await member.waitForFunction(() => document.querySelectorAll('#opportunities li').length > 25, null, { timeout: TIMEOUT });
  await member.goto(base + '/#/?q=zzqxj+unobtainium');
  await member.waitForSelector('#list-status:has-text("No opportunity matches keywords “zzqxj unobtainium”, open only.")',
    { timeout: TIMEOUT });
  console.log('search: filters read from the address, sorted by due date, paged; an empty result names its filters');
  // an amendment's page lists its solicitation's notices with what each changed
  await member.goto(base + '/#/?q=%22Amendment+1%22');
  await member.click('#opportunities li a');
  await member.waitForSelector('#versions:not([hidden]) #versions-list > li:nth-child(2) li', { timeout: TIMEOUT });
  const history = await member.textContent('#versions-list');
  if (!history.includes('(this one)') || !history.includes('title: ')) {
    throw new Error('the amendment\'s history shows ' + history);
  }
  console.log('notice: an amendment lists what it changed from the notice it amends');

  // the admin picks the first open opportunity; the member opens the same one by its address
  await admin.click('#opportunities li a');
  await admin.waitForURL(/#\/opportunities\//, { timeout: TIMEOUT });
  const notice = decodeURIComponent(new URL(admin.url()).hash.replace('#/opportunities/', ''));
  await member.goto(base + '/#/opportunities/' + encodeURIComponent(notice));

  await admin.waitForSelector('#presence [data-user-email="member@demo.local"]', { timeout: TIMEOUT });
  await member.waitForSelector('#presence [data-user-email="admin@demo.local"]', { timeout: TIMEOUT });
  console.log('presence: each sees the other on ' + notice);
  const facts = await admin.evaluate(() => Object.fromEntries([...document.querySelectorAll('#notice-facts dt')]
    .map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
  if (!['Buyer', 'Posted', 'Response due', 'NAICS', 'Place of performance', 'Contacts', 'SAM.gov']
    .every((fact) => facts[fact]) || !/\((due in|closed) /.test(facts['Response due'])) {
    throw new Error('the notice\'s page shows ' + JSON.stringify(facts));
  }
  console.log('notice: its facts in reading order, the time left beside its deadline');
  await accessible(admin, 'an opportunity\'s page');

  const comment = 'Worth a bid? ' + Date.now();
  await admin.fill('#comment-text', comment);
  await admin.click('#comment-form button');
  await member.waitForSelector(`#comments li:has-text("${comment}")`, { timeout: TIMEOUT });
  console.log('comments: the member sees the admin\'s comment');

  await member.waitForSelector('#notes:not([disabled])', { timeout: TIMEOUT });
  await admin.waitForSelector('#notes:not([disabled])', { timeout: TIMEOUT });
  await member.click('#notes');
  await member.keyboard.type('Pricing: check FSS. ');
  await admin.waitForFunction(() => document.getElementById('notes').value.includes('Pricing: check FSS.'), null,
    { timeout: TIMEOUT });
  await admin.waitForSelector('#presence [data-user-email="member@demo.local"].editing', { timeout: TIMEOUT });
  // both type at once, the admin at the start and the member at the end: no edit is lost, the texts end up equal
  await admin.click('#notes');
  await admin.keyboard.press('Control+Home');
  await Promise.all([admin.keyboard.type('Admin was here. '), member.keyboard.type('Member too. ')]);
  const a = await converged(['Admin was here. ', 'Member too. ']);
  console.log('notes: both see one text: ' + JSON.stringify(a));

  if (documentFile) {
    await admin.setInputFiles('#document-file', documentFile);
    const read = '#documents li[data-state="processed"] button:has-text("award.pdf")';
    await admin.waitForSelector(read, { timeout: 60_000 });
    await member.waitForSelector(read, { timeout: TIMEOUT });
    await admin.click(read);
    await admin.fill('#document-search', 'powder free');
    await admin.waitForSelector('#document-pages li mark:has-text("powder free")', { timeout: TIMEOUT });
    console.log('documents: uploaded, read for both users, found in its text');
  }
  // the admin puts the opportunity on the pipeline from its page; the member's page shows the stage live
  await admin.selectOption('#detail-stage', 'qualifying');
  await admin.waitForSelector('#stage-status:has-text("Moved to Qualifying.")', { timeout: TIMEOUT });
  await member.waitForFunction(() => document.getElementById('detail-stage').value === 'qualifying', null,
    { timeout: TIMEOUT });
  console.log('pipeline: moved on the opportunity\'s page, seen live on the other user\'s');
  // the move reaches the analytics service over Kafka and shows on the dashboard, drawn and told in text
  await admin.click('#nav a[href="#/dashboard"]');
  await admin.waitForSelector('#dashboard-view:not([hidden])', { timeout: TIMEOUT });
  // the move reaches the analytics store within seconds: the dashboard is loaded again, half a second apart, until
  // both its figure and its chart count it
  const dashboardBy = Date.now() + TIMEOUT;
  const counted = () => admin.evaluate(() => document.querySelector('[data-kpi="Pipeline moves"] dd')?.textContent === '1'
    && Chart.getChart('moves-chart')?.data.datasets[0].data.reduce((sum, n) => sum + n, 0) === 1);
  while (!await counted()) {
    if (Date.now() > dashboardBy) {
      throw new Error('the move is not on the dashboard: ' + await admin.textContent('#dashboard-view'));
    }
    await admin.waitForTimeout(500);
    await admin.evaluate(() => dashboard.load());
  }
  const drawn = await admin.evaluate(() => ({
    stages: document.getElementById('stages-text').textContent,
    days: Chart.getChart('moves-chart').data.labels.length,
    movesText: document.getElementById('moves-text').textContent,
    months: document.querySelector('#months tbody').textContent,
    departments: [...document.querySelectorAll('#by-department tbody tr')].map((tr) => tr.textContent),
    naics: document.querySelectorAll('#by-naics tbody tr').length,
  }));
  if (drawn.stages !== 'qualifying 1' || drawn.days !== 30 || !/^\d{4}-\d\d-\d\d: 1$/.test(drawn.movesText)
      || !drawn.months.includes('inserted') || !drawn.departments.some((row) => /DEPARTMENT OF\d+$/.test(row))
      || drawn.naics === 0) {
    throw new Error('the dashboard shows ' + JSON.stringify(drawn));
  }
  console.log('dashboard: the move is counted, charted by stage and by day; opportunities by month, department and '
    + 'NAICS listed');
  await accessible(admin, 'the dashboard');

  // the board: each user's shows the opportunity under its stage; a move by keyboard and one by dragging show live on
  // the other's
  const card = (stage) => `.board-column[data-stage="${stage}"] li[data-id="${notice}"]`;
  await Promise.all([admin, member].map(async (page) => {
    await page.click('#nav a[href="#/pipeline"]');
    await page.waitForSelector(card('qualifying'), { timeout: TIMEOUT });
  }));
  await accessible(member, 'the pipeline board');
  await admin.focus(`[id="stage-of-${notice}"]`);
  await admin.keyboard.press('ArrowDown');
  await admin.waitForSelector('#board-status:has-text("moved to Bidding.")', { timeout: TIMEOUT });
  if (await admin.evaluate(() => document.activeElement.id) !== 'stage-of-' + notice) {
    throw new Error('the stage menu lost the keyboard focus after the move');
  }
  await member.waitForSelector(card('bidding'), { timeout: TIMEOUT });
  await member.dragAndDrop(card('bidding'), '.board-column[data-stage="submitted"]');
  await member.waitForSelector('#board-status:has-text("moved to Submitted.")', { timeout: TIMEOUT });
  await admin.waitForSelector(card('submitted'), { timeout: TIMEOUT });
  if (await admin.evaluate(() => document.activeElement.id) !== 'stage-of-' + notice) {
    throw new Error('the admin\'s stage menu lost the keyboard focus when the member\'s move was drawn');
  }
  console.log('board: moved by keyboard and by dragging, each seen live on the other user\'s board, the focus kept');
  // a page that hears nothing live (its bridge refused) shows Submitted while the admin moves it to Won: its move
  // from Submitted loses the race, and it shows Won instead of overwriting it
  const stale = await open('member@demo.local', { live: false });
  await stale.goto(base + '/#/opportunities/' + encodeURIComponent(notice));
  await stale.waitForFunction(() => document.getElementById('detail-stage').value === 'submitted', null,
    { timeout: TIMEOUT });
  await admin.selectOption(`[id="stage-of-${notice}"]`, 'won');
  await admin.waitForSelector('#board-status:has-text("moved to Won.")', { timeout: TIMEOUT });
  await stale.selectOption('#detail-stage', 'lost');
  await stale.waitForSelector('#stage-status:has-text("Someone moved it to Won meanwhile")', { timeout: TIMEOUT });
  if (await stale.inputValue('#detail-stage') !== 'won') throw new Error('the stage shown after the lost race is not Won');
  await stale.close();
  console.log('board: a move that lost the race shows the winner\'s stage');

  // the member saves a search for a word no notice has yet and renames it; the admin imports a file with a notice
  // that has it (and a record without an id, refused), and the member's tray links the match to its notice
  const word = 'zirconia' + Date.now().toString(36);
  await member.goto(base + '/#/?q=' + word);
  await member.waitForSelector('#list-status:has-text("No opportunity matches")', { timeout: TIMEOUT });
  await member.fill('#save-name', 'Crowns ' + word);
  await member.selectOption('#save-alerts', 'daily');
  await member.click('#save-form button');
  await member.waitForSelector(`#save-status:has-text("Saved as “Crowns ${word}”")`, { timeout: TIMEOUT });
  await member.click('#nav a[href="#/saved"]');
  const savedItem = member.locator('#saved-list li', { hasText: 'Crowns ' + word });
  await savedItem.locator('input').fill('Zirconia crowns ' + word);
  await savedItem.locator('button[type="submit"]').click();
  await member.waitForSelector(`#saved-list li a:has-text("Zirconia crowns ${word}")`, { timeout: TIMEOUT });
  await accessible(member, 'the saved searches');
  if (await member.isVisible('#team-link')) throw new Error('a member is offered the team\'s page');
  await member.goto(base + '/#/team');
  await member.waitForSelector('#team-status:has-text("Only the team\'s admins manage it.")', { timeout: TIMEOUT });
  if (await member.isVisible('#invite-form') || await member.isVisible('#import-form')) {
    throw new Error('a member who types the team\'s address is shown its forms');
  }

  await admin.click('#team-link');
  await admin.waitForSelector('#users tr[data-email="member@demo.local"]', { timeout: TIMEOUT });
  await accessible(admin, 'the team');
  const file = join(mkdtempSync(join(tmpdir(), 'mch-e2e-')), 'notices.jsonl');
  writeFileSync(file, JSON.stringify({ noticeId: 'e2e-' + word, title: 'Zirconia dental crowns ' + word,
    postedDate: new Date().toISOString().slice(0, 10), active: 'Yes' }) + '\n' + JSON.stringify({ title: 'No id' }) + '\n');
  await admin.setInputFiles('#import-file', file);
  await admin.waitForSelector('#import-status:has-text("2 records, 1 new, 0 updated, 0 unchanged, 1 rejected.")',
    { timeout: TIMEOUT });
  if (!/^Record 2: /.test(await admin.textContent('#import-rejections li'))) {
    throw new Error('the rejection is listed as ' + await admin.textContent('#import-rejections'));
  }
  const match = `#tray-list a[href="#/opportunities/e2e-${word}"]:has-text("New match for “Zirconia crowns ${word}”")`;
  await member.waitForSelector(match, { state: 'attached', timeout: TIMEOUT });
  await member.click('#tray-button');
  await member.click(match);
  await member.waitForSelector(`#title:has-text("Zirconia dental crowns ${word}")`, { timeout: TIMEOUT });
  console.log('saved search: saved, renamed; the admin\'s import reported with its rejection; the match in the tray '
    + 'opens its notice');

  // an invited colleague logs in with the password shown once, and is removed
  const colleague = 'new-' + word + '@demo.local';
  await admin.fill('#invite-email', colleague);
  await admin.click('#invite-form button');
  await admin.waitForSelector('#invited:not([hidden])', { timeout: TIMEOUT });
  const password = await admin.textContent('#invited-password');
  const invited = await open(colleague, { live: false, password });
  // their session expires on the saved searches' page: they log in again and are back on it
  await invited.evaluate(() => { state.token = 'expired'; });
  await invited.goto(base + '/#/saved');
  await invited.waitForSelector('#login-error:has-text("Your session ended")', { timeout: TIMEOUT });
  await invited.fill('#email', colleague);
  await invited.fill('#password', password);
  await invited.click('#login-form button');
  await invited.waitForSelector(`#saved-view:not([hidden]) #saved-list a:has-text("Zirconia crowns ${word}")`,
    { timeout: TIMEOUT });
  await invited.close();
  await admin.click(`#users tr[data-email="${colleague}"] button`);
  await admin.waitForSelector(`#team-status:has-text("${colleague} removed")`, { timeout: TIMEOUT });
  console.log('team: a colleague invited, logged in with the one-time password (and again, back on their page, after '
    + 'their session expired), and removed');

  // the AI search finds notices by meaning once the AI service has indexed them from Kafka (seconds after start):
  // searched again, half a second apart, until the gloves lead; their page then lists notices like them
  await admin.click('#nav a[href="#/"]');
  await admin.waitForSelector('#list-view:not([hidden])', { timeout: TIMEOUT });
  await admin.selectOption('#search-mode', 'semantic');
  await admin.fill('#q', 'hand protection for nurses');
  const searchBy = Date.now() + 60_000;
  const glovesFirst = () => admin.evaluate(() => document.querySelector('#opportunities li a')?.textContent
    .startsWith('Nitrile examination gloves') && /found by meaning$/.test(document.getElementById('list-status').textContent));
  do {
    if (Date.now() > searchBy) throw new Error('the AI search shows: ' + await admin.textContent('#list-view'));
    await admin.click('#filter-form button');
    await admin.waitForTimeout(500);
  } while (!await glovesFirst());
  await admin.click('#opportunities li a');
  await admin.waitForFunction(() => document.querySelectorAll('#similar li').length === 5, null, { timeout: TIMEOUT });
  console.log('ai: gloves found by meaning ("hand protection for nurses"), with five similar notices on their page');

  // the tenant's profile, then an analysis of the gloves: answered at once, its score arriving with the notification
  await admin.click('#nav a[href="#/profile"]');
  await admin.waitForSelector('#profile-fields:not([disabled]) #certification-boxes input[value="small business"]',
    { timeout: TIMEOUT });
  await admin.fill('#capability', 'We make nitrile examination gloves.');
  await admin.fill('#profile-naics', '339113');
  await admin.fill('#past-wins', 'Latex examination gloves for the Army, 2024');
  await admin.check('#certification-boxes input[value="small business"]');
  await admin.click('#profile-form button');
  await admin.waitForSelector('#profile-status:has-text("Saved.")', { timeout: TIMEOUT });
  await accessible(admin, 'the profile');
  await admin.goBack();
  await admin.waitForSelector('#analysis-status:has-text("Not analysed yet.")', { timeout: TIMEOUT });
  await admin.click('#analyse');
  await admin.waitForFunction(() => /^Fit \d+\/100: (bid|consider|no-bid)$/.test(document.getElementById('fit-score').textContent)
    && document.querySelector('#reasons li')?.textContent.includes('NAICS 339113 is one you work in')
    && [...document.querySelectorAll('#reasons li')].some((li) => li.textContent.includes('a contract you won, "Latex '
      + 'examination gloves for the Army, 2024"')), null, { timeout: TIMEOUT });
  console.log('analysis: ' + await admin.textContent('#fit-score') + ', with its reasons');

  if (violations.length) throw new Error('Content-Security-Policy violations:\n' + violations.join('\n'));
  console.log('csp: the page ran under its policy without a violation');
  console.log('e2e ok');
} catch (e) {
  if (shots) {
    await Promise.all(pages.map((page, i) => page.screenshot({ path: `${shots}/e2e-user-${i + 1}.png` }).catch(() => {})));
  }
  console.error(e.stack || String(e));
  if (consoleLines.length) console.error('browser console:\n' + consoleLines.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}

// Both editors idle (every own edit acknowledged), both texts equal and holding every typed phrase: until then an
// edit may still be on its way, so the texts are read again until the deadline, which shows them if they differ.
async function converged(phrases) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const views = await Promise.all(pages.map((page) => page.evaluate(() => ({
      text: document.getElementById('notes').value, idle: state.notes.idle(),
    }))));
    const [first] = views;
    if (views.every((v) => v.idle && v.text === first.text) && phrases.every((p) => first.text.includes(p))) {
      return first.text;
    }
    if (Date.now() > deadline) {
      throw new Error('the notes did not converge:\n' + views.map((v) => `${v.text} (idle: ${v.idle})`).join('\n---\n'));
    }
    await pages[0].waitForTimeout(50);
  }
}

/** Fails naming each WCAG 2.1 AA violation axe-core finds on the page as it is now. */
async function accessible(page, view) {
  await page.evaluate(AXE);
  const found = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
  if (found.violations.length) {
    throw new Error(view + ' has accessibility violations (axe-core, WCAG 2.1 AA):\n' + found.violations
      .map((v) => v.id + ': ' + v.help + ' at ' + v.nodes.map((n) => n.target.join(' ')).join(', ')).join('\n'));
  }
  console.log('accessibility: ' + view + ', no WCAG 2.1 AA violation (axe-core)');
}

/** A user logged in a browser context of its own; without {@code live}, its bridge connections are refused. */
async function open(email, { live = true, password = 'demo' } = {}) {
  const context = await browser.newContext();
  if (!live) await context.route(/\/eventbus/, (route) => route.abort());
  const page = await context.newPage();
  if (live) pages.push(page);
  page.on('pageerror', (e) => console.error(email + ' page error: ' + e.message));
  // the client's warnings (a refused registration, a bridge error) say why a step timed out
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') consoleLines.push(email + ' ' + m.type() + ': ' + m.text());
  });
  // reported by the browser as the page runs; a listener the test adds, not the page, so the policy does not apply to it
  await page.exposeFunction('cspViolated', (what) => violations.push(email + ': ' + what));
  await context.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => window.cspViolated(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline code'))));
  const response = await page.goto(base + '/');
  const headers = response.headers();
  if (!(headers['content-security-policy'] || '').includes("frame-ancestors 'none'")
      || headers['cache-control'] !== 'no-cache' || headers['x-content-type-options'] !== 'nosniff') {
    throw new Error('the page is served without its security and caching headers: ' + JSON.stringify(headers));
  }
  if (pages.length === 1) {
    await accessible(page, 'the login page');
    // the scripts and styles are named by their content and kept by the browser for a year
    const assets = await page.evaluate(() => [...document.querySelectorAll('script[src], link[rel=stylesheet]')]
      .map((e) => e.getAttribute('src') || e.getAttribute('href')));
    for (const asset of assets) {
      const answer = await page.request.get(base + '/' + asset);
      if (!/\.[0-9a-f]{10}\.(js|css)$/.test(asset) || answer.status() !== 200
          || answer.headers()['cache-control'] !== 'public, max-age=31536000, immutable') {
        throw new Error(asset + ' is not served as named by its content: ' + answer.status() + ' '
          + JSON.stringify(answer.headers()));
      }
    }
  }
  await page.fill('#email', email);
  await page.fill('#password', password);
  const loggingIn = Date.now();
  await page.click('#login-form button');
  await page.waitForSelector('#opportunities li a', { timeout: TIMEOUT });
  if (pages.length === 1) {
    // measured, not asserted: a busy CI machine is no judge of speed
    const interactive = await page.evaluate(() => Math.round(performance.getEntriesByType('navigation')[0].domInteractive));
    console.log(`speed: the page interactive ${interactive} ms after its request, the list shown `
      + `${Date.now() - loggingIn} ms after logging in`);
  }
  return page;
}
