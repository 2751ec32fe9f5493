#!/usr/bin/env node
import { randomUUID } from 'node:crypto';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { Slotwise } from '@slotwise/sdk';
import { readEnv } from './config';
import { createSlotwiseMcpServer } from './server';
import { MCP_VERSION } from './version';

// `npx @slotwise/mcp`: the MCP server on stdin/stdout for desktop assistants. stdout carries the
// protocol, so everything human goes to stderr.
const parsed = readEnv(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) process.stderr.write(`slotwise-mcp: ${issue.message}\n`);
  process.exit(2);
}
const env = parsed.data;
const sdk = new Slotwise({
  baseUrl: env.SLOTWISE_BASE_URL,
  // Without a key the server offers the public booking tools only (see config.ts).
  ...(env.SLOTWISE_API_KEY ? { apiKey: env.SLOTWISE_API_KEY } : { anonymous: true }),
  userAgent: `slotwise-mcp/${MCP_VERSION}`,
});
const server = createSlotwiseMcpServer({
  sdk,
  mode: env.SLOTWISE_API_KEY ? { kind: 'api' } : { kind: 'public', slug: env.SLOTWISE_TENANT! },
  // One process is one conversation.
  sessionScope: `stdio:${randomUUID()}`,
});
await server.connect(new StdioServerTransport());
process.stderr.write(
  `slotwise-mcp ${MCP_VERSION}: serving ${env.SLOTWISE_API_KEY ? 'with an API key' : `the public tools of "${env.SLOTWISE_TENANT}"`} on stdio\n`,
);
