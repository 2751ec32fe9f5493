import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { SlotwiseMcpOptions } from './context';
import { createSlotwiseMcpServer } from './server';

/**
 * One MCP message over streamable HTTP, stateless: a fresh server and transport per request
 * (nothing to share between API processes), JSON answers instead of an SSE stream.
 * `body` is the already parsed JSON body.
 */
export async function handleMcpHttpRequest(
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  opts: SlotwiseMcpOptions,
): Promise<void> {
  const server = createSlotwiseMcpServer(opts);
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}
