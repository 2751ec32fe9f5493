/**
 * CSV per RFC 4180 (CRLF line ends; a field with a comma, quote or line break is quoted, quotes
 * doubled), made safe to open in a spreadsheet: a cell starting with = + - @ (or a tab or carriage
 * return, which some spreadsheets skip) is prefixed with an apostrophe so it is never run as a
 * formula (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
