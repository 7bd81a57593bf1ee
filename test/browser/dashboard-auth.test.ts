import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TestCluster, jobIdFrom, runCli } from '../harness/cluster';
import { CHROMIUM_PATH, HeadlessChromium, type WatchedPage, chromiumInstalled } from './headless-chromium';

const SCREENSHOTS = path.join(ROOT, 'test-output', 'dashboard');
const JOB_FILE = path.join(__dirname, 'jobs', 'dashboard-job.js');
const TOKEN = '5f0c1d2e3b4a69788796a5b4c3d2e1f0';
/** The machine is shared: what the dashboard shows within a poll or two may take seconds. */
const POLL = { timeout: 15_000 };

const installed = chromiumInstalled();
if (!installed) console.warn(`Skipping the dashboard auth browser test: Chromium is not installed at ${CHROMIUM_PATH}.`);

/**
 * A cluster with an auth token (docs/security.md): the dashboard's reads work without it, its
 * mutations are refused with 401 until the token is entered in the header's dialog, and then
 * carry it as a bearer header from the tab's sessionStorage.
 */
describe.skipIf(!installed)('dashboard against a cluster with an auth token', () => {
  let tmp: string;
  let tokenFile: string;
  let cluster: TestCluster;
  let browser: HeadlessChromium;
  let watched: WatchedPage;
  let jobId: string;

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-dashboard-auth-'));
    tokenFile = path.join(tmp, 'token');
    fs.writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
    cluster = await TestCluster.start({ taskManagers: 0, jobManagerArgs: ['--auth-token-file', tokenFile] });
    cluster.addTaskManager(2, 'taskmanager-1', ['--auth-token-file', tokenFile]);
    await cluster.waitForTaskManagers(1);
    const res = await runCli(['--detached', JOB_FILE], { jobmanager: cluster.rpcAddress, env: { SLUICE_AUTH_TOKEN_FILE: tokenFile } });
    expect(res.code, res.stderr).toBe(0);
    jobId = jobIdFrom(res.stdout);
    await cluster.waitForJobState(jobId, 'RUNNING');
    browser = await HeadlessChromium.launch();
    watched = await browser.newPage();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('says the cluster needs a token, and reads work without one', async () => {
    const { page } = watched;
    await page.goto(`${cluster.restUrl}/#/jobs/${jobId}`);
    await page.getByTestId('dag-vertex').first().waitFor();
    await expect.poll(() => page.getByTestId('auth-button').getAttribute('data-state'), POLL).toBe('missing');
  });

  it('a mutation without the token is refused with 401 and opens the token dialog', async () => {
    const { page } = watched;
    await page.getByTestId('cancel-button').click();
    await page.getByTestId('cancel-confirm').click();
    await page.getByTestId('auth-dialog').waitFor();
    expect(await page.getByTestId('auth-refusal').textContent()).toContain("needs the cluster's auth token");
    await page.screenshot({ path: path.join(SCREENSHOTS, 'auth-dialog.png'), fullPage: true });
    expect(await page.locator('.job-actions .banner-error').textContent()).toContain('Enter the token');
    expect(await cluster.jobState(jobId)).toBe('RUNNING');
  });

  it('a wrong token is refused as well', async () => {
    const { page } = watched;
    await page.getByTestId('auth-input').fill('not-the-token');
    await page.getByTestId('auth-save').click();
    await expect.poll(() => page.getByTestId('auth-button').getAttribute('data-state')).toBe('set');
    await page.getByTestId('savepoint-button').click();
    await page.getByTestId('savepoint-confirm').click();
    await page.getByTestId('auth-dialog').waitFor();
    expect(await page.getByTestId('auth-refusal').textContent()).toContain("needs the cluster's auth token");
  });

  it('with the token, kept in sessionStorage, savepoint and cancel go through', async () => {
    const { page } = watched;
    await page.getByTestId('auth-input').fill(TOKEN);
    await page.getByTestId('auth-save').click();
    await page.getByTestId('auth-dialog').waitFor({ state: 'detached' });
    expect(await page.evaluate("sessionStorage.getItem('sluice.auth-token')")).toBe(TOKEN);
    // It outlives a reload of the tab.
    await page.reload();
    await page.getByTestId('dag-vertex').first().waitFor();
    await expect.poll(() => page.getByTestId('auth-button').getAttribute('data-state'), POLL).toBe('set');

    await page.getByTestId('savepoint-button').click();
    await page.getByTestId('savepoint-confirm').click();
    await expect.poll(() => page.getByTestId('savepoint-status').first().getAttribute('data-status'), { timeout: 30_000 }).not.toBe('IN_PROGRESS');
    expect(await page.getByTestId('savepoint-status').first().getAttribute('data-status')).toBe('COMPLETED');

    await page.getByTestId('cancel-button').click();
    await page.getByTestId('cancel-confirm').click();
    await cluster.waitForJobState(jobId, 'CANCELED');
    await expect.poll(() => page.locator('.page-header .badge').textContent(), POLL).toBe('CANCELED');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'auth-canceled.png'), fullPage: true });
  });

  it('uploads and submits from the Submit page with the token (multipart upload and run carry it)', async () => {
    const { page } = watched;
    await page.goto(`${cluster.restUrl}/#/submit`);
    await page.locator('input[type=file]').setInputFiles(JOB_FILE);
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.waitForURL(/#\/jobs\/[0-9a-f]{32}$/, { timeout: 30_000 });
    const submitted = page.url().split('/').pop()!;
    expect(submitted).not.toBe(jobId);
    await cluster.waitForJobState(submitted, 'RUNNING');
  });

  it('"Forget token" removes it from the tab', async () => {
    const { page } = watched;
    await page.getByTestId('auth-button').click();
    await page.getByTestId('auth-forget').click();
    await expect.poll(() => page.getByTestId('auth-button').getAttribute('data-state')).toBe('missing');
    expect(await page.evaluate("sessionStorage.getItem('sluice.auth-token')")).toBeNull();
  });

  it('logged no page errors (refused requests are the only console errors)', () => {
    expect(watched.consoleErrors.filter((e) => !/401 \(Unauthorized\)/.test(e))).toEqual([]);
  });
});
