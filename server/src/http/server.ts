import { initServer } from '@ts-rest/express';

/** The one ts-rest server instance every route module builds its router with. */
export const s = initServer();
