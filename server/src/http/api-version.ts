import { API_VERSION, API_VERSION_HEADER, API_VERSIONS } from '@slotwise/contracts';
import type { RequestHandler } from 'express';
import { sendError } from './error-mapper';

/**
 * Dated API versions (docs/guides/api-versioning.md, ADR 0014). The request names the version it
 * was written against; the response says which version answered. Only one version exists so far,
 * so nothing branches on it yet; an unknown date is refused rather than silently served as latest.
 */
export function apiVersion(): RequestHandler {
  return (req, res, next) => {
    const asked = req.header(API_VERSION_HEADER)?.trim();
    if (asked && !(API_VERSIONS as readonly string[]).includes(asked)) {
      res.setHeader(API_VERSION_HEADER, API_VERSION);
      return sendError(
        res,
        'bad_request',
        `Unknown ${API_VERSION_HEADER} "${asked.slice(0, 40)}"; supported: ${API_VERSIONS.join(', ')}`,
      );
    }
    res.setHeader(API_VERSION_HEADER, asked || API_VERSION);
    next();
  };
}
