/**
 * The admin app's strings, added to the shared i18n instance by the admin entry (and the client
 * tests' setup). Kept out of the shared catalogs so the booking app does not ship them.
 */
import { adminCatalogs } from '@slotwise/i18n/app/admin';
import { addCatalogs } from '../shared/i18n';

addCatalogs(adminCatalogs);
