// GraphiQL as a person uses it, in Debian's Chromium (headless, driven by playwright-core,
// which never downloads a browser): load /graphiql, put the README's first query in the
// editor, run it, and check the answer shows in the result pane; then run a subscription,
// add an article (with the server's admin token, ADMIN_TOKEN) and check its statement shows. Every request the page makes
// is recorded; one for a host other than this machine fails the check (and is not sent).
//
// Usage: node graphiql.mjs http://127.0.0.1:PORT README.md SCREENSHOT.png
// CHROMIUM names the browser (default /usr/bin/chromium).
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, readmePath, screenshotPath] = process.argv.slice(2);
if (!base || !readmePath || !screenshotPath) {
  console.error('usage: node graphiql.mjs BASE_URL README.md SCREENSHOT.png');
  process.exit(2);
}

/** The first ```graphql block under the README's "A first query" heading. */
function firstQuery(readme) {
  const section = readme.split(/^## A first query$/m)[1];
  const match = section && section.match(/```graphql\n([\s\S]*?)```/);
  if (!match) throw new Error(`${readmePath} has no graphql block under "## A first query"`);
  return match[1];
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const query = firstQuery(readFileSync(readmePath, 'utf8'));
const userDataDir = mkdtempSync(join(tmpdir(), 'quotegraph-chromium-'));
const requests = [];
const outside = [];
const problems = [];

const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  viewport: { width: 1280, height: 800 },
});

try {
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    requests.push(url.href);
    if (LOCAL_HOSTS.has(url.hostname) || url.protocol === 'data:') {
      return route.continue();
    }
    outside.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const graphqlPosts = [];
  page.on('request', (request) => {
    if (request.url() === `${base}/graphql` && request.method() === 'POST') graphqlPosts.push(request);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });

  await page.goto(`${base}/graphiql`, { waitUntil: 'load' });
  const editor = '.graphiql-query-editor .CodeMirror';
  await page.waitForSelector(editor, { timeout: 30_000 });
  await page.evaluate(
    ([selector, text]) => document.querySelector(selector).CodeMirror.setValue(text),
    [editor, query],
  );
  const answered = page.waitForResponse(
    (response) => response.url() === `${base}/graphql` && response.request().method() === 'POST'
      && response.request().postData()?.includes('person('),
  );
  await page.click('.graphiql-execute-button');
  await answered;
  const resultPane = '.result-window .CodeMirror';
  await page.waitForFunction(
    (selector) => document.querySelector(selector)?.CodeMirror.getValue().includes('totalCount'),
    resultPane,
    { timeout: 30_000 },
  );
  const shown = await page.evaluate(
    (selector) => document.querySelector(selector).CodeMirror.getValue(),
    resultPane,
  );
  const result = JSON.parse(shown);
  const person = result.data?.person;
  if (result.errors) problems.push(`the query answered errors: ${JSON.stringify(result.errors)}`);
  if (!person) problems.push(`the result pane shows no person: ${shown.slice(0, 300)}`);
  const statements = person?.statements?.totalCount ?? 0;
  if (person && statements === 0) problems.push(`${person.name} has no statements in the result`);
  // Give the page a moment to make any late request (fonts, analytics …) before judging.
  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshotPath });

  // The token: never sent until entered, then sent as a bearer token, kept for this tab only.
  const sentTokens = graphqlPosts.filter((request) => request.headers().authorization);
  if (sentTokens.length > 0) problems.push('an Authorization header was sent with no token entered');
  await page.fill('#qg-token', 'check-token');
  const withToken = page.waitForRequest(
    (request) => request.url() === `${base}/graphql` && request.postData()?.includes('person('),
  );
  await page.click('.graphiql-execute-button');
  const authorization = (await withToken).headers().authorization;
  if (authorization !== 'Bearer check-token') {
    problems.push(`the entered token was sent as ${JSON.stringify(authorization)}`);
  }
  const stored = await page.evaluate(() => [
    sessionStorage.getItem('quotegraph.adminToken'),
    JSON.stringify(localStorage).includes('check-token'),
  ]);
  if (stored[0] !== 'check-token' || stored[1]) {
    problems.push(`the token should be in sessionStorage only, found ${JSON.stringify(stored)}`);
  }

  // A subscription: over a WebSocket to this server's /graphql, the entered token in
  // connection_init; a statement added meanwhile shows in the result pane.
  const sockets = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  // What the page sends over its sockets, recorded in the page itself: playwright's
  // framesent events may miss the first frames of a socket.
  await page.evaluate(() => {
    window.qgSent = [];
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      window.qgSent.push(String(data));
      return send.call(this, data);
    };
  });
  const said = 'GraphiQL 订阅检查的一句话。';
  await page.evaluate(
    ([selector, text]) => document.querySelector(selector).CodeMirror.setValue(text),
    [editor, 'subscription { statementAdded { text speaker { name } } }'],
  );
  // GraphiQL takes the editor's new text a moment after it is set: a click before runs the
  // previous query. Clicked until a socket opens (a click while subscribed would stop it).
  for (let attempt = 0; attempt < 20 && sockets.length === 0; attempt += 1) {
    const opened = page.waitForEvent('websocket', { timeout: 1_000 }).then(() => true, () => false);
    await page.click('.graphiql-execute-button');
    if (await opened) break;
  }
  let heard = false;
  for (let attempt = 0; attempt < 50 && !heard; attempt += 1) {
    // Added again until heard: the subscription starts a moment after the click.
    const body = `新华社消息，习近平表示：“${said}”`;
    const added = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.ADMIN_TOKEN}` },
      body: JSON.stringify({
        query: 'mutation($input: AddArticleInput!) { addArticle(input: $input) { created } }',
        variables: {
          input: {
            title: `订阅检查 ${attempt}`,
            body: `${body}${attempt}`,
            statements: [{ text: said, kind: 'DIRECT', speaker: { name: '习近平' } }],
          },
        },
      }),
    }).then((response) => response.json());
    if (added.errors) problems.push(`addArticle answered ${JSON.stringify(added.errors)}`);
    heard = await page
      .waitForFunction(
        ([selector, text]) => document.querySelector(selector)?.CodeMirror.getValue().includes(text),
        [resultPane, said],
        { timeout: 600 },
      )
      .then(() => true, () => false);
  }
  if (!heard) problems.push('the subscription showed no added statement');
  const socketUrl = base.replace(/^http/, 'ws') + '/graphql';
  if (sockets.length === 0 || sockets.some((url) => url !== socketUrl)) {
    problems.push(`the subscription should use ${socketUrl}, used ${JSON.stringify(sockets)}`);
  }
  const initPayloads = (await page.evaluate(() => window.qgSent)).filter((sent) =>
    sent.includes('connection_init'),
  );
  if (!initPayloads.some((payload) => payload.includes('Bearer check-token'))) {
    problems.push(`connection_init did not carry the entered token: ${JSON.stringify(initPayloads)}`);
  }

  if (outside.length > 0) problems.push(`requests left this machine: ${outside.join(', ')}`);
  console.log(
    `graphiql: ${requests.length} requests, ${outside.length} to other hosts; the result pane ` +
      `shows ${person ? `${person.name} (${person.nameEn}) with ${statements} statements` : 'no person'}; ` +
      `token sent only once entered: ${authorization === 'Bearer check-token' && sentTokens.length === 0}; ` +
      `subscription heard over ${sockets[0] ?? 'no socket'}: ${heard}; ` +
      `screenshot ${screenshotPath}`,
  );
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

for (const problem of problems) console.error(`graphiql: ${problem}`);
console.log(`graphiql browser check: ${problems.length === 0 ? "ok" : "FAILED"}`);
process.exit(problems.length === 0 ? 0 : 1);
