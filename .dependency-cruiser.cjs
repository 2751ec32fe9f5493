/**
 * The layer rules (docs/architecture.md): compose → http/adapters → app → ports → domain, nothing
 * points up, and only the composition root (server/src/compose.ts, with its HTTP half
 * compose-http.ts) constructs adapters.
 * `npm run lint:layers` (part of `npm test`) fails on any violation;
 * server/test/architecture/layers.test.ts proves that a wrong import is caught.
 */
const SRC = '^server/src/';

/** The composition root: compose.ts (core: what a worker runs) and compose-http.ts (its HTTP half). */
const COMPOSITION_ROOT = `${SRC}compose(-http)?\\.ts$`;

/** Infrastructure libraries: only adapters (and the composition root) may use them. */
const INFRA =
  'node_modules/(pg|@prisma/[^/]+|@electric-sql/[^/]+|ioredis|bullmq|postmark|stripe|rate-limiter-flexible|@googleapis/[^/]+)/';
/** Web framework libraries: only http/ may use them. */
const WEB = 'node_modules/(express|@ts-rest/express|cors|helmet|pino-http|swagger-ui-dist)/';
/** Small pure libraries the domain may use. */
const PURE = ['node_modules/(luxon|zod)/', '^packages/contracts/'];
/** Process entries: nothing imports them. */
const ENTRIES = `${SRC}(main|worker)\\.ts$|${SRC}cli/`;

/* global module */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports only itself and small pure libraries (luxon, zod, the contracts).',
      severity: 'error',
      from: { path: `${SRC}domain/` },
      to: { pathNot: [`${SRC}domain/`, ...PURE], dependencyTypesNot: ['core'] },
    },
    {
      name: 'domain-no-io',
      comment: 'domain/ may use node:crypto (pure hashing) but no I/O module of Node.',
      severity: 'error',
      from: { path: `${SRC}domain/` },
      to: { dependencyTypes: ['core'], pathNot: '^(node:)?crypto$' },
    },
    {
      name: 'ports-only-domain',
      comment:
        'ports/ are interfaces over the domain: they import only ports/, domain/ and the contracts.',
      severity: 'error',
      from: { path: `${SRC}ports/` },
      to: { pathNot: [`${SRC}(ports|domain)/`, ...PURE] },
    },
    {
      name: 'app-not-outward',
      comment: 'Use cases depend on ports, never on adapters, http, jobs or the entries.',
      severity: 'error',
      from: { path: `${SRC}app/` },
      to: { path: `${SRC}(adapters|http|jobs|cli|seed)/|${SRC}(compose|compose-http|main|worker|config)\\.ts$` },
    },
    {
      name: 'app-no-frameworks',
      comment: 'Use cases never touch a database driver, a queue or the web framework.',
      severity: 'error',
      from: { path: `${SRC}app/` },
      to: { path: [INFRA, WEB] },
    },
    {
      name: 'adapters-not-outward',
      comment: 'Adapters implement ports; they know nothing of http, jobs or the entries.',
      severity: 'error',
      from: { path: `${SRC}adapters/` },
      to: { path: `${SRC}(http|jobs|cli|seed)/|${SRC}(compose|compose-http|main|worker)\\.ts$` },
    },
    {
      name: 'adapters-no-web',
      severity: 'error',
      from: { path: `${SRC}adapters/` },
      to: { path: WEB },
    },
    {
      name: 'http-not-to-adapters',
      comment: 'http/ reaches storage and vendors through ports, wired by the composition root.',
      severity: 'error',
      from: { path: `${SRC}http/` },
      to: { path: [`${SRC}(adapters|jobs|cli|seed)/|${SRC}(compose|compose-http|main|worker)\\.ts$`, INFRA] },
    },
    {
      name: 'jobs-through-ports',
      comment: 'Job handlers and the outbox poller use ports, never adapters or drivers.',
      severity: 'error',
      from: { path: `${SRC}jobs/` },
      to: {
        path: [`${SRC}(adapters|http|cli|seed)/|${SRC}(compose|compose-http|main|worker)\\.ts$`, INFRA, WEB],
      },
    },
    {
      name: 'only-compose-constructs-adapters',
      comment:
        'Only the composition root (compose.ts, compose-http.ts) imports adapters (type-only imports excepted).',
      severity: 'error',
      from: { path: SRC, pathNot: [COMPOSITION_ROOT, `${SRC}adapters/`] },
      to: { path: `${SRC}adapters/`, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-entries-compose',
      comment: 'The composition root is used by the process entries only (types excepted).',
      severity: 'error',
      from: { path: SRC, pathNot: [ENTRIES, COMPOSITION_ROOT] },
      to: { path: COMPOSITION_ROOT, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'worker-without-http',
      comment: 'A worker process runs jobs; it must not build the HTTP app.',
      severity: 'error',
      from: { path: `${SRC}worker\\.ts$` },
      to: { path: `${SRC}http/`, reachable: true },
    },
    {
      name: 'no-entry-imports',
      comment: 'Process entries run on import: nothing imports them.',
      severity: 'error',
      from: {},
      to: { path: ENTRIES },
    },
    {
      name: 'contracts-standalone',
      comment:
        'The contracts are the source of truth: they import only zod, ts-rest and the zod → OpenAPI generator of the webhook catalogue.',
      severity: 'error',
      from: { path: '^packages/contracts/src/' },
      to: {
        pathNot: [
          '^packages/contracts/src/',
          'node_modules/(zod|@ts-rest/core|@ts-rest/open-api|@anatine/zod-openapi)/',
        ],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'i18n-standalone',
      comment: 'The shared catalogs and i18next setup (packages/i18n) import only i18next.',
      severity: 'error',
      from: { path: '^packages/i18n/src/' },
      to: { pathNot: ['^packages/i18n/src/', 'node_modules/i18next/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'client-not-server',
      comment: 'The web apps talk to the server through the SDK and the contracts only.',
      severity: 'error',
      from: { path: '^client/src/' },
      to: { path: '^server/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: SRC },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(generated|dist)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    combinedDependencies: false,
  },
};
