import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBusiness, startApp, type TestApp } from '../support/app';
import { DESKTOP, launchBrowser, pageTracker } from '../support/browser';
import { localDate, visible } from '../support/flows';

/**
 * An assistant books through the server's MCP endpoint with an API key; the business then sees
 * the booking in the admin app (docs/guides/ai-tools.md).
 */
let app: TestApp;
let browser: Browser;
let biz: Awaited<ReturnType<typeof seedBusiness>>;
const tracker = pageTracker();
const zone = 'Europe/London';

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  biz = await seedBusiness(app, { timeZone: zone });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function tool(client: Client, name: string, args: Record<string, unknown>) {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const first = r.content[0];
  expect(r.isError, first && 'text' in first ? first.text : '').toBeFalsy();
  return r.structuredContent as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('AI booking tools', () => {
  it('an assistant books over /mcp and the booking shows in the admin app', async () => {
    const { secret } = await biz.sdk.apiKeys.create({
      body: { name: 'assistant', scopes: ['read', 'write'] },
    });
    const assistant = new Client({ name: 'e2e-assistant', version: '1.0.0' });
    await assistant.connect(
      new StreamableHTTPClientTransport(new URL('/mcp', app.baseUrl), {
        requestInit: { headers: { Authorization: `Bearer ${secret}` } },
      }),
    );
    const day = localDate(new Date(Date.now() + 2 * 86_400_000).toISOString(), zone);
    const found = await tool(assistant, 'search_availability', {
      serviceId: biz.service.id,
      from: day,
      to: day,
      timeZone: zone,
    });
    const booked = await tool(assistant, 'book_appointment', {
      serviceId: biz.service.id,
      start: found.options[0].start,
      customer: { name: 'Ada Assistant', email: 'ada@example.com' },
      timeZone: zone,
    });
    await assistant.close();

    const page = await tracker.open(
      await browser.newContext({ ...DESKTOP, timezoneId: zone }),
      `${app.baseUrl}/admin/bookings`,
    );
    await page.getByLabel('Email').fill(biz.session.user.email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await visible(page.getByRole('heading', { name: 'Bookings' }));
    await visible(page.getByRole('cell', { name: /Ada Assistant/ }));
    await visible(page.getByText(booked.booking.code));
  });
});
