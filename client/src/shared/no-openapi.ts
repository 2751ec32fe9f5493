/**
 * Stands in for @ts-rest/open-api in the browser bundles. The contracts package exports an
 * OpenAPI generator next to the contract; the apps never call it, and the generator with its
 * zod-openapi dependency would otherwise ride along in the booking app's budget.
 */
export function generateOpenApi(): never {
  throw new Error(
    'OpenAPI generation is not available in the browser; fetch /openapi.json instead',
  );
}
