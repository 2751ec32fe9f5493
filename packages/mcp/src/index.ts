export { createSlotwiseMcpServer } from './server';
export { handleMcpHttpRequest } from './http';
export type { Business, Caller, McpMode, SlotwiseMcpOptions } from './context';
export { bestSlots } from './slots';
export { MCP_VERSION } from './version';
