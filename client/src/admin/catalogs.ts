/**
 * The admin's strings join the page's i18n when any admin module loads: the UI kit imports this,
 * and every admin screen uses the kit. The booking app never imports it (ADR 0020).
 */
import { adminCatalogs } from '@slotwise/i18n/app/admin';
import { loadCatalogs } from '../shared/i18n';

loadCatalogs(adminCatalogs);
