import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';

/** Debian's chromium package; CI installs it (.ci/run). Browsers are never downloaded. */
export const CHROMIUM_PATH = process.env.SLUICE_CHROMIUM ?? '/usr/bin/chromium';

export function chromiumInstalled(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

/** A page that records every console error and uncaught exception, for tests that require none. */
export interface WatchedPage {
  readonly page: Page;
  readonly consoleErrors: string[];
}

/**
 * Headless Chromium with a fresh profile in a temporary directory, and none of the background
 * traffic (updates, sync, QUIC probes) a test machine without internet would only log errors for.
 */
export class HeadlessChromium {
  private constructor(
    private readonly context: BrowserContext,
    private readonly profileDir: string,
  ) {}

  static async launch(): Promise<HeadlessChromium> {
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-chromium-'));
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      viewport: { width: 1400, height: 1000 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    return new HeadlessChromium(context, profileDir);
  }

  async newPage(): Promise<WatchedPage> {
    const page = await this.context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`console: ${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (err) => consoleErrors.push(`uncaught: ${err.message}`));
    page.on('requestfailed', (req) => {
      const reason = req.failure()?.errorText ?? '';
      // A poll still in flight when the page navigates or the view aborts it is not a failure.
      if (reason !== 'net::ERR_ABORTED') consoleErrors.push(`request failed: ${req.method()} ${req.url()} ${reason}`);
    });
    return { page, consoleErrors };
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    fs.rmSync(this.profileDir, { recursive: true, force: true });
  }
}
