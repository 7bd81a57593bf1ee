import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TestCluster, jobIdFrom } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { CHROMIUM_PATH, HeadlessChromium, type WatchedPage, chromiumInstalled } from './headless-chromium';

/** Screenshots land here (git-ignored); CI keeps them as test output. */
const SCREENSHOTS = path.join(ROOT, 'test-output', 'dashboard');
const JOB_FILE = path.join(__dirname, 'jobs', 'dashboard-job.js');

interface JobDetail {
  state: string;
  vertices: Array<{ id: string; name: string }>;
  plan: { nodes: Array<{ inputs?: unknown[] }> };
}

const installed = chromiumInstalled();
if (!installed) console.warn(`Skipping the dashboard browser test: Chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium; .ci/run does).`);

/**
 * The dashboard in a real browser against a real cluster: a JobManager and two TaskManagers as
 * separate processes, running a job submitted with stream-submit.
 */
describe.skipIf(!installed)('dashboard in headless Chromium', () => {
  let cluster: TestCluster;
  let browser: HeadlessChromium;
  let watched: WatchedPage;
  let jobId: string;
  let job: JobDetail;

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    cluster = await TestCluster.start({ taskManagers: 2, slots: 2 });
    const res = await cluster.cli(['--detached', JOB_FILE]);
    expect(res.code, res.stderr).toBe(0);
    jobId = jobIdFrom(res.stdout);
    await cluster.waitForJobState(jobId, 'RUNNING');
    job = await cluster.rest<JobDetail>(`/jobs/${jobId}`);
    browser = await HeadlessChromium.launch();
    watched = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  });

  it('shows the TaskManagers and the running job on the overview, live', async () => {
    const { page } = watched;
    await page.goto(`${cluster.restUrl}/`);
    await page.getByTestId('overview-tm').nth(1).waitFor();
    expect(await page.getByTestId('overview-tm').count()).toBe(2);
    await expect.poll(() => page.getByTestId('stat-taskmanagers').textContent()).toContain('2');
    // Slots: 4 in total, the job holds 2 (its largest parallelism).
    await expect.poll(() => page.getByTestId('stat-slots').textContent()).toMatch(/^Slots used \/ free2 \/ 2/);
    await page.getByTestId('running-jobs').getByText('dashboard-job').waitFor();
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('Live');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'overview.png'), fullPage: true });
  });

  it('draws the job graph with its vertices, edges and live rates', async () => {
    const { page } = watched;
    await page.getByTestId('running-jobs').getByText('dashboard-job').click();
    await page.waitForURL(`**/#/jobs/${jobId}`);
    const vertices = page.getByTestId('dag-vertex');
    await vertices.nth(job.vertices.length - 1).waitFor();
    expect(await vertices.count()).toBe(job.vertices.length);
    for (const v of job.vertices) await expect.poll(() => page.getByTestId('job-graph').textContent()).toContain(v.name);
    const edges = job.plan.nodes.reduce((n, node) => n + (node.inputs?.length ?? 0), 0);
    expect(await page.getByTestId('dag-edge').count()).toBe(edges);
    await expect.poll(() => page.getByTestId('job-graph').textContent()).toContain('HASH');
    // Rates arrive with the second heartbeat of a vertex: the source shows records out per second.
    await expect.poll(() => vertices.first().textContent(), { timeout: 20_000 }).toMatch(/Out\s*[1-9][\d.,k]*\/s/);

    await vertices.first().click();
    await page.getByTestId('vertex-panel').getByText('taskmanager', { exact: false }).first().waitFor();
    await page.getByTestId('throughput-chart').locator('canvas').waitFor();
    // The chart draws from samples taken while the page is open: wait for a line, not a blank frame.
    await expect.poll(() => page.getByTestId('throughput-chart').locator('.chart-empty').count(), { timeout: 10_000 }).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'job-page.png'), fullPage: true });
  });

  it('completes a savepoint from its button and shows the path', async () => {
    const { page } = watched;
    await page.getByTestId('savepoint-button').click();
    await page.getByTestId('savepoint-confirm').click();
    const status = page.getByTestId('savepoint-status').first();
    await status.waitFor();
    await waitFor(async () => ((await status.getAttribute('data-status')) !== 'IN_PROGRESS' ? true : undefined), {
      timeoutMs: 30_000,
      message: 'the savepoint to finish',
    });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'job-page-savepoint.png'), fullPage: true });
    const failure = (await page.getByTestId('savepoint-failure').first().textContent({ timeout: 100 }).catch(() => null)) ?? '';
    expect(await status.getAttribute('data-status'), `the savepoint failed: ${failure}`).toBe('COMPLETED');
    const location = await page.getByTestId('savepoint-location').first().textContent();
    expect(location).toMatch(/\S+/);
  });

  it('shows each TaskManager with its slots and the subtasks in them', async () => {
    const { page } = watched;
    await page.goto(`${cluster.restUrl}/#/taskmanagers`);
    await page.getByTestId('taskmanager-card').nth(1).waitFor();
    await expect.poll(() => page.getByTestId('slot').count()).toBe(4);
    await expect.poll(() => page.locator('.slot-used').count()).toBe(2);
    await expect.poll(() => page.locator('.slot-used').first().textContent()).toContain('Words');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'taskmanagers.png'), fullPage: true });
  });

  it('submits a job from the Submit page and cancels it from the job\'s page', async () => {
    const { page } = watched;
    await page.goto(`${cluster.restUrl}/#/submit`);
    await page.locator('input[type=file]').setInputFiles(JOB_FILE);
    await page.getByLabel('Program arguments').fill('--unused yes');
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.waitForURL(/#\/jobs\/[0-9a-f]{32}$/);
    const submitted = page.url().split('/').pop()!;
    expect(submitted).not.toBe(jobId);
    await cluster.waitForJobState(submitted, 'RUNNING');
    await page.getByTestId('dag-vertex').nth(job.vertices.length - 1).waitFor();

    await page.getByTestId('cancel-button').click();
    await page.getByTestId('cancel-confirm').click();
    await cluster.waitForJobState(submitted, 'CANCELED');
    await expect.poll(() => page.locator('.page-header .badge').textContent()).toBe('CANCELED');
    expect(await page.getByTestId('savepoint-button').isDisabled()).toBe(true);
  });

  it('logged no console errors on any page', () => {
    expect(watched.consoleErrors).toEqual([]);
  });
});
