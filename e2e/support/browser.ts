import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Frame,
  type Page,
} from 'playwright-core';
import { beforeEach, expect } from 'vitest';
import { paths } from './paths';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: paths.chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

export const MOBILE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 } };

/**
 * Tracks the pages a test opened: on failure each is saved to e2e/screenshots/<test>-<n>.png,
 * and any uncaught page error fails the test (a crash in the UI is never a pass).
 */
export function pageTracker() {
  const pages: Page[] = [];
  const errors: string[] = [];
  beforeEach((ctx) => {
    pages.length = 0;
    errors.length = 0;
    ctx.onTestFailed(async () => {
      mkdirSync(paths.screenshots, { recursive: true });
      const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
      await Promise.all(
        pages
          .filter((p) => !p.isClosed())
          .map((p, i) =>
            p
              .screenshot({ path: join(paths.screenshots, `${name}-${i + 1}.png`), fullPage: true })
              .catch(() => undefined),
          ),
      );
    });
    ctx.onTestFinished(() => {
      expect(errors, 'uncaught errors in the page').toEqual([]);
    });
  });
  return {
    async open(context: BrowserContext, url: string): Promise<Page> {
      const page = await context.newPage();
      pages.push(page);
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
      await page.goto(url);
      return page;
    },
    track(page: Page) {
      pages.push(page);
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
      return page;
    },
  };
}

const axeSource = readFileSync(paths.axe, 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core in the page (or frame) and fails on serious or critical WCAG A/AA violations. */
export async function expectAccessible(target: Page | Frame, step: string) {
  // evaluate() is not subject to the page's CSP, unlike an injected <script> tag.
  await target.evaluate(axeSource);
  const violations = (await target.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations;
  })) as AxeViolation[];
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `   ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`,
  );
  if (report.length)
    throw new Error(
      `axe found ${report.length} serious or critical violation(s) at step "${step}":\n${report.join('\n')}`,
    );
}
