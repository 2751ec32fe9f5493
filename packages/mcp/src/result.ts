import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isSlotwiseError, isRateLimitError, type SlotwiseError } from '@slotwise/sdk';

/** A tool's answer: structured for clients that read it, the same JSON as text for the model. */
export function ok(result: Record<string, unknown>): CallToolResult {
  return {
    content: [{ type: 'text', text: JSON.stringify(result, null, 2) }],
    structuredContent: result,
  };
}

/** A refusal or failure the assistant can explain to the customer (never thrown: MCP tool errors are results). */
export function refuse(
  error: { code: string; message: string },
  extra: Record<string, unknown> = {},
): CallToolResult {
  const body = { error, ...extra };
  return {
    content: [{ type: 'text', text: JSON.stringify(body, null, 2) }],
    structuredContent: body,
    isError: true,
  };
}

/** The API's own words for a 4xx; nothing internal for anything else. */
export function apiFailure(err: SlotwiseError): CallToolResult {
  if (isRateLimitError(err)) {
    return refuse(
      { code: err.code, message: err.message },
      err.retryAfter === undefined ? {} : { retryAfterSeconds: err.retryAfter },
    );
  }
  if (err.status >= 400 && err.status < 500) {
    const issues = err.details?.issues;
    return refuse(
      { code: err.code, message: err.message },
      Array.isArray(issues) ? { issues } : {},
    );
  }
  return refuse({
    code: err.status === 0 ? err.code : 'api_unavailable',
    message: 'The booking service is not answering right now; try again in a moment',
  });
}

/** Runs a tool body; API errors become isError results, anything else stays a bug and is rethrown. */
export async function run(body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (err) {
    if (isSlotwiseError(err)) return apiFailure(err);
    throw err;
  }
}
