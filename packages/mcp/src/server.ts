import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ToolContext, type SlotwiseMcpOptions } from './context';
import { registerAvailabilityTools } from './tools/availability';
import { registerBookingTools } from './tools/bookings';
import { registerCatalogueTools } from './tools/catalogue';
import { registerStaffTools } from './tools/staff';
import { MCP_VERSION } from './version';

/**
 * The Slotwise MCP server: task-level booking tools over the SDK. Every call goes through the
 * API, so its authentication, scopes, roles, validation, idempotency and rate limits apply.
 */
export function createSlotwiseMcpServer(opts: SlotwiseMcpOptions): McpServer {
  const ctx = new ToolContext(opts);
  const server = new McpServer(
    { name: 'slotwise', title: 'Slotwise booking', version: MCP_VERSION },
    {
      instructions:
        opts.mode.kind === 'api'
          ? 'Book, look up, move and cancel appointments of one business with its API key. ' +
            'Find a service with list_services, free times with search_availability, then book_appointment. ' +
            'Bookings are referred to by their confirmation code. Always tell the customer the time in their zone.'
          : `Book appointments with the business "${opts.mode.slug}" on its customers' behalf. ` +
            'Find a service with list_services, free times with search_availability, then book_appointment. ' +
            'Existing bookings are referred to by the manage link the customer received.',
    },
  );
  registerCatalogueTools(server, ctx);
  registerAvailabilityTools(server, ctx);
  registerBookingTools(server, ctx);
  if (opts.mode.kind === 'api') registerStaffTools(server, ctx);
  return server;
}
