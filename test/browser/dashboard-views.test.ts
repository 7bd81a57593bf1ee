import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TestCluster, jobIdFrom } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { CHROMIUM_PATH, HeadlessChromium, type WatchedPage, chromiumInstalled } from './headless-chromium';

const SCREENSHOTS = path.join(ROOT, 'test-output', 'dashboard');
const EVENT_TIME_JOB = path.join(__dirname, 'jobs', 'event-time-job.js');
const QUICK_JOB = path.join(__dirname, 'jobs', 'quick-job.js');
const FAILING_JOB = path.join(ROOT, 'test', 'e2e', 'jobs', 'failing-task.js');
const QUICK_RUNS = 11;
/** The machine is shared: what the dashboard shows within a poll or two may take seconds. */
const POLL = { timeout: 15_000 };

/** Runs in the page (a string: this file is compiled without the DOM's types). */
const OVERFLOWING = `(() => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    const beyond = (e) => e.getBoundingClientRect().right > window.innerWidth + 0.5;
    if (r.width > 0 && beyond(el) && ![...el.children].some(beyond)) out.push(el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' right=' + Math.round(r.right));
  }
  return document.documentElement.scrollWidth > window.innerWidth ? out.slice(0, 5) : [];
})()`;

const installed = chromiumInstalled();
if (!installed) console.warn(`Skipping the dashboard views browser test: Chromium is not installed at ${CHROMIUM_PATH}.`);

/**
 * The dashboard's job tabs, TaskManager and JobManager logs, flame graph, plan preview and the
 * archive of ended jobs, in a real browser at 1400 px against a real multi-process cluster.
 */
describe.skipIf(!installed)('dashboard views in headless Chromium', () => {
  let cluster: TestCluster;
  let browser: HeadlessChromium;
  let watched: WatchedPage;
  let eventJob: string;
  let failedJob: string;
  let lastQuickJob = '';
  let taskManagers: string[];

  /** From the top: a full-page shot of a scrolled page draws the sticky header in the middle. */
  const shot = async (name: string, page = watched.page) => {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
  };
  /** Elements reaching beyond the window's right edge (none when nothing overflows at 1400 px), the innermost named. */
  const overflowing = (page = watched.page): Promise<string[]> => page.evaluate(OVERFLOWING);

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    cluster = await TestCluster.start({ taskManagers: 2, slots: 2 });
    taskManagers = (await cluster.rest<{ taskmanagers: Array<{ id: string }> }>('/taskmanagers')).taskmanagers.map((t) => t.id).sort();
    const res = await cluster.cli(['--detached', EVENT_TIME_JOB]);
    expect(res.code, res.stderr).toBe(0);
    eventJob = jobIdFrom(res.stdout);
    failedJob = jobIdFrom((await cluster.cli([FAILING_JOB])).stdout);
    await cluster.waitForJobState(failedJob, 'FAILED');
    // Eleven more ended jobs, submitted over REST as the Submit page does: more than the overview's ten.
    const form = new FormData();
    form.append('jarfile', new Blob([fs.readFileSync(QUICK_JOB)]), 'quick-job.js');
    const { filename } = (await (await fetch(`${cluster.restUrl}/jars/upload`, { method: 'POST', body: form })).json()) as { filename: string };
    const jarId = path.basename(filename);
    for (let i = 0; i < QUICK_RUNS; i++) {
      const run = await fetch(`${cluster.restUrl}/jars/${jarId}/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      lastQuickJob = ((await run.json()) as { jobid: string }).jobid;
      await cluster.waitForJobState(lastQuickJob, 'FINISHED');
    }
    await cluster.waitForJobState(eventJob, 'RUNNING');
    browser = await HeadlessChromium.launch();
    watched = await browser.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
  });

  it('reaches completed jobs beyond the overview\'s ten: "Show all", then pages of the jobs list', async () => {
    const { page } = watched;
    await page.goto(`${cluster.restUrl}/`);
    const completed = page.getByTestId('completed-jobs');
    await expect.poll(() => completed.getByTestId('job-row').count(), POLL).toBe(10);
    await completed.getByTestId('show-all-completed').click();
    await page.waitForURL('**/#/jobs?filter=completed');
    const list = page.getByTestId('jobs-list');
    await expect.poll(() => list.getByTestId('filter-completed').textContent(), POLL).toBe(`Completed ${QUICK_RUNS + 1}`);
    await expect.poll(() => list.getByTestId('job-row').count(), POLL).toBe(10);
    await list.getByTestId('pager-older').click();
    await expect.poll(() => list.getByTestId('job-row').count(), POLL).toBe(QUICK_RUNS + 1 - 10);
    await shot('jobs-paging.png');
  });

  it('shows the subtasks of a vertex within 1400 px, and a CPU flame graph of one on demand', { timeout: 60_000 }, async () => {
    const { page } = watched;
    await page.goto(`${cluster.restUrl}/#/jobs/${eventJob}`);
    await page.getByTestId('dag-vertex').filter({ hasText: 'Enrich' }).click();
    const panel = page.getByTestId('vertex-panel');
    await expect.poll(() => panel.locator('tbody tr').count(), POLL).toBe(2);
    await expect.poll(() => panel.getByTestId('subtask-watermark-cell').first().textContent(), { timeout: 15_000 }).toMatch(/^2026-01-1\d \d\d:\d\d:\d\d\.\d{3}$/);
    expect(await overflowing()).toEqual([]);
    expect(await panel.locator('.table-scroll').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await panel.getByTestId('flame-graph-button').first().click();
    const flame = page.getByTestId('flame-graph');
    await expect.poll(() => flame.getByTestId('flame-frame').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    // The job's own function, by name, where the time goes.
    // Where the time goes: the job's CPU-heavy map function, by name, or, when the JIT inlined it
    // into its operator, the map operator's frame (V8 then attributes its samples there).
    const titles = await flame.getByTestId('flame-frame').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    // Shares of the thread's busy samples: how much of the slot's thread is idle depends on how
    // fast the machine is, so a share of all samples would pass on a loaded machine only.
    const samples = (t: string) => Number(/^.*\n([\d,]+) samples/.exec(t)?.[1].replace(/,/g, '') ?? 0);
    const named = (name: string) => titles.filter((t) => t.split('\n')[0] === name).reduce((n, t) => n + samples(t), 0);
    const busy = named('root') - named('(idle)') - named('(program)') - named('(garbage collector)');
    const hot = titles.filter((t) => /^(enrichWithProfile \(|collect \(operators\/basic-operators\.js(#task-copy)?:)/.test(t) && samples(t) >= 0.2 * busy);
    expect(hot.length, titles.map((t) => t.split('\n')[0]).join(' | ')).toBeGreaterThan(0);
    expect(await flame.textContent()).toMatch(/samples every 1000 µs/);
    await shot('job-flame-graph.png');
    // A frame zooms in on click; the root zooms out again.
    const frames = await flame.getByTestId('flame-frame').count();
    await flame.getByTestId('flame-frame').nth(1).click();
    await flame.getByTestId('flame-frame').first().click();
    await expect.poll(() => flame.getByTestId('flame-frame').count(), POLL).toBeGreaterThanOrEqual(Math.min(frames, 2));
  });

  it('shows watermarks as event-time dates', async () => {
    const { page } = watched;
    await page.getByTestId('job-tabs').getByText('Watermarks').click();
    await page.waitForURL(`**/#/jobs/${eventJob}/watermarks`);
    const tab = page.getByTestId('watermarks-tab');
    const cards = tab.getByTestId('vertex-watermarks');
    await expect.poll(() => cards.count(), POLL).toBe(2);
    // Both vertices' subtasks have reached January 2026 (the first assigns the timestamps).
    for (const card of [cards.first(), cards.nth(1)])
      await expect.poll(() => card.getByTestId('subtask-watermark').first().textContent(), POLL).toMatch(/^\d2026-01-1\d \d\d:\d\d:\d\d\.\d{3}\d+$/);
    await expect.poll(() => cards.nth(1).getByTestId('vertex-watermark').textContent(), POLL).toMatch(/^2026-01-1\d/);
    const text = (await tab.textContent()) ?? '';
    expect(text).not.toContain('Invalid Date');
    expect(text).not.toContain('1970');
    expect(await overflowing()).toEqual([]);
    await shot('job-watermarks.png');
  });

  it('shows a checkpoint with every vertex and, opened, every subtask', async () => {
    const { page } = watched;
    await page.getByTestId('job-tabs').getByText('Checkpoints').click();
    const row = page.getByTestId('checkpoint-row').filter({ hasText: 'COMPLETED' }).first();
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    const details = page.getByTestId('checkpoint-details');
    await expect.poll(() => details.getByTestId('checkpoint-vertex').count(), POLL).toBe(2);
    await details.getByTestId('checkpoint-vertex').nth(1).click();
    const subtasks = details.getByTestId('checkpoint-subtasks').locator('tbody tr');
    await expect.poll(() => subtasks.count(), POLL).toBe(2);
    expect(await subtasks.first().textContent()).toContain('acknowledged');
    expect(await overflowing()).toEqual([]);
    await shot('job-checkpoint-details.png');
  });

  it('shows the job configuration and the checkpointing it runs with', async () => {
    const { page } = watched;
    await page.getByTestId('job-tabs').getByText('Configuration').click();
    const tab = page.getByTestId('configuration-tab');
    await expect.poll(() => tab.textContent(), POLL).toContain('event-time-job.js');
    expect(await tab.textContent()).toMatch(/Restart strategy/);
    // The checkpointing section has its own request: it may still say "Loading…" here.
    await expect.poll(() => tab.textContent(), POLL).toMatch(/Interval1\.0 s/);
    await shot('job-configuration.png');
  });

  it('shows the exceptions of a failed job, and "none yet" for its watermarks', async () => {
    const { page } = watched;
    await page.goto(`${cluster.restUrl}/#/jobs/${failedJob}/exceptions`);
    const tab = page.getByTestId('exceptions-tab');
    await expect.poll(() => tab.textContent(), POLL).toContain('boom at record 50');
    await tab.locator('details summary').first().click();
    await expect.poll(() => tab.locator('details pre').first().textContent(), POLL).toContain('boom at record 50');
    // with its stack
    expect(await tab.locator('details pre').first().textContent()).toMatch(/\n\s+at /);
    await shot('job-exceptions.png');
    // A job without event time shows "none yet", never a 1970 date or "Invalid Date".
    await page.getByTestId('job-tabs').getByText('Watermarks').click();
    await page.waitForURL(`**/#/jobs/${failedJob}/watermarks`);
    await expect.poll(() => page.getByTestId('subtask-watermark').first().textContent(), POLL).toBe('1none yet–');

  });

  it("shows a TaskManager's stdout and log, fetched from it", async () => {
    const { page } = watched;
    await page.goto(`${cluster.restUrl}/#/taskmanagers`);
    await page.getByTestId('taskmanager-card').first().getByText('Stdout').click();
    await page.waitForURL(/#\/taskmanagers\/[^/]+\/stdout$/);
    const stdout = page.getByTestId('taskmanager-stdout');
    await expect.poll(() => stdout.locator('pre').textContent(), { timeout: 15_000 }).toMatch(/\{"user":"user-3","at":"2026-01-1/);
    expect(await overflowing()).toEqual([]);
    await shot('taskmanager-stdout.png');
    await page.getByTestId('taskmanager-tabs').getByText('Logs').click();
    await expect.poll(() => page.getByTestId('taskmanager-log').locator('pre').textContent(), POLL).toMatch(/registered at JobManager/);
    await shot('taskmanager-log.png');
    expect(taskManagers.some((id) => page.url().includes(encodeURIComponent(id)))).toBe(true);
  });

  it("shows the JobManager's log and configuration", async () => {
    const { page } = watched;
    await page.goto(`${cluster.restUrl}/#/jobmanager`);
    await expect.poll(() => page.getByTestId('jobmanager-log').locator('pre').textContent(), POLL).toMatch(/JobManager started/);
    // The configuration is a request of its own: it may render after the log.
    await expect.poll(() => page.textContent('body'), POLL).toContain('heartbeat-interval-ms');
    await shot('jobmanager.png');
  });

  it('shows the plan of a job file before submitting it, and deletes an uploaded file', async () => {
    const { page } = watched;
    const jobsBefore = (await cluster.rest<{ jobs: unknown[] }>('/jobs')).jobs.length;
    await page.goto(`${cluster.restUrl}/#/submit`);
    await page.locator('input[type=file]').setInputFiles(EVENT_TIME_JOB);
    await page.getByTestId('show-plan').click();
    const plan = page.getByTestId('submit-plan');
    await expect.poll(() => plan.getByTestId('dag-vertex').count(), POLL).toBe(2);
    expect(await plan.textContent()).toContain('Enrich each click');
    expect(await plan.getByTestId('dag-edge').textContent()).toContain('REBALANCE');
    expect((await cluster.rest<{ jobs: unknown[] }>('/jobs')).jobs.length).toBe(jobsBefore);
    await shot('submit-plan.png');

    const rows = page.getByTestId('jar-row');
    await expect.poll(() => rows.count(), POLL).toBe(2);
    page.once('dialog', (d) => void d.accept());
    await rows.filter({ hasText: 'quick-job.js' }).getByTestId('jar-delete').click();
    await expect.poll(() => rows.count(), POLL).toBe(1);
    expect((await cluster.rest<{ files: Array<{ name: string }> }>('/jars')).files.map((f) => f.name)).toEqual(['event-time-job.js']);
  });

  it('logged no console errors on any page', () => {
    expect(watched.consoleErrors).toEqual([]);
  });

  it('still lists the ended jobs after a kill -9 and restart of the JobManager (the archive)', { timeout: 90_000 }, async () => {
    await cluster.jobManager.waitForStderr(new RegExp(`Archived job '[^']*' \\(${lastQuickJob}\\)`));
    await cluster.restartJobManager();
    await cluster.waitForTaskManagers(2, 30_000);
    const fresh = await browser.newPage();
    const { page } = fresh;
    await page.goto(`${cluster.restUrl}/#/jobs?filter=completed`);
    const list = page.getByTestId('jobs-list');
    await expect.poll(() => list.getByTestId('filter-completed').textContent(), POLL).toBe(`Completed ${QUICK_RUNS + 1}`);
    await page.goto(`${cluster.restUrl}/#/jobs/${lastQuickJob}`);
    await expect.poll(() => page.locator('.page-header .badge').textContent(), POLL).toBe('FINISHED');
    await expect.poll(() => page.getByTestId('dag-vertex').count(), POLL).toBe(1);
    await shot('archived-job.png', page);
    await page.goto(`${cluster.restUrl}/#/jobs/${failedJob}/exceptions`);
    await expect.poll(() => page.getByTestId('exceptions-tab').textContent(), POLL).toContain('boom at record 50');
    expect(fresh.consoleErrors).toEqual([]);
  });
});
