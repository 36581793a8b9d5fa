// Drives Rio's web console in headless Chromium (ConsoleIT starts the server and a Signup workflow, then runs
// this with node): finds the workflow, opens its journal, resolves its awakeable from the page and waits until
// the console shows it completed; also looks at services, an object's state and the cluster. Screenshots go to
// $SHOTS. Exits 1 with the reason when anything is missing.
import { chromium } from 'playwright-core';

const base = process.env.RIO_BASE;            // http://127.0.0.1:<port>/
const key = process.env.WORKFLOW_KEY;         // the Signup workflow's key
const counterKey = process.env.COUNTER_KEY;   // a Counter key with state
const shots = process.env.SHOTS;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
let page;
try {
  const context = await browser.newContext({
    httpCredentials: { username: process.env.RIO_USER, password: process.env.RIO_PASSWORD },
    viewport: { width: 1400, height: 900 },
  });
  page = await context.newPage();
  page.setDefaultTimeout(20000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // the console redirects to its folder and lists invocations
  await page.goto(base + 'rio/admin/console');
  if (!page.url().endsWith('/rio/admin/console/')) throw new Error('not redirected to console/: ' + page.url());
  await page.waitForSelector('main h2:has-text("Invocations")');

  // the workflow, found through the workflow view and the key filter
  await page.click('nav a[data-view="workflows"]');
  await page.waitForSelector('main h2:has-text("Workflows")');
  await page.fill('input[name="key"]', key);
  await page.press('input[name="key"]', 'Enter');
  const row = page.locator('tr[data-id]', { hasText: key });
  await row.first().waitFor();
  await page.screenshot({ path: shots + '/1-workflows.png', fullPage: true });
  if (!(await row.first().innerText()).includes('Signup/run')) throw new Error('the row is not Signup/run');
  await row.first().click();

  // its journal: the steps and the awakeable it waits for
  await page.waitForSelector('main h2:has-text("Invocation")');
  await page.waitForSelector('tr[data-kind="awakeable"]');
  const journal = await page.locator('table').first().innerText();
  for (const step of ['create-account', 'send-verification-email']) {
    if (!journal.includes(step)) throw new Error('journal lacks step ' + step + ': ' + journal);
  }
  const suspended = await page.locator('#invocation-status').innerText();
  if (suspended.trim() !== 'SUSPENDED') throw new Error('expected SUSPENDED, saw ' + suspended);
  await page.screenshot({ path: shots + '/2-journal.png', fullPage: true });

  // resolve it from the page; the console refreshes by itself until the workflow has completed
  await page.fill('[data-awakeable] input[name="value"]', '"clicked in the console"');
  await page.click('[data-awakeable] button[data-action="resolve"]');
  await page.waitForSelector('#invocation-status [data-status="COMPLETED"]', { timeout: 30000 });
  const output = await page.locator('#invocation-output').innerText();
  if (!output.includes('verified')) throw new Error('output is not "verified": ' + output);
  await page.screenshot({ path: shots + '/3-completed.png', fullPage: true });

  // services with their handlers and schemas
  await page.click('nav a[data-view="services"]');
  await page.waitForSelector('[data-service="Signup"]');
  const services = await page.locator('main').innerText();
  for (const text of ['Greeter', 'Counter', 'Signup', 'WORKFLOW_RUN', 'roles: clerk', 'OrderRequest']) {
    if (!services.includes(text)) throw new Error('services view lacks ' + text);
  }
  await page.screenshot({ path: shots + '/4-services.png', fullPage: true });

  // an object's state, viewed and edited
  await page.goto(base + 'rio/admin/console/#/objects/Counter/' + encodeURIComponent(counterKey));
  await page.waitForSelector('textarea[name="state"]');
  await page.fill('textarea[name="state"]', '{"count": 41}');
  await page.click('button[data-action="save-state"]');
  await page.waitForSelector('#notice:has-text("State saved")');
  await page.waitForFunction(() => document.querySelector('main table:last-of-type') &&
    document.querySelector('main').innerText.includes('41'));
  await page.screenshot({ path: shots + '/5-object.png', fullPage: true });

  // the cluster: this single node
  await page.click('nav a[data-view="cluster"]');
  await page.waitForSelector('main h2:has-text("Cluster")');
  const cluster = await page.locator('main').innerText();
  if (!cluster.includes('this node')) throw new Error('cluster view lacks this node: ' + cluster);
  await page.screenshot({ path: shots + '/6-cluster.png', fullPage: true });

  if (errors.length) throw new Error('errors in the page: ' + errors.join('; '));
  console.log('console test passed');
} catch (e) {
  console.error('console test failed: ' + (e && e.stack ? e.stack : e));
  if (page) await page.screenshot({ path: shots + '/failure.png', fullPage: true }).catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
}
