// The demo page's CSV files (app.js), in a module of their own so that the
// tests can read them in Node as well as through the page.

/**
 * The first characters that make a spreadsheet (Excel, LibreOffice, Google
 * Sheets) read a cell as a formula, or that some of them drop before doing
 * so: OWASP's list for CSV injection.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell's text. Text from the article that begins like a formula gets a
 * single quote in front, so that a spreadsheet shows it as text and never
 * evaluates it (=HYPERLINK(…) in a pasted article must stay words). Numbers
 * are written as they are: a negative number is a number, not a formula.
 */
export function csvCell(value) {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * RFC 4180 CSV: a header, then a line per item (`columns` are `[header,
 * get(item)]`), CRLF line ends; a field with a quote, comma or line break is
 * quoted. A byte order mark first, or Excel reads UTF-8 as the system's code
 * page and garbles the Chinese. Returns `{ name, type, content }`.
 */
export function csvFile(name, columns, items) {
  const field = (value) => {
    const text = csvCell(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [columns.map(([header]) => header), ...items.map((item) => columns.map(([, get]) => get(item)))];
  return { name, type: 'text/csv;charset=utf-8', content: `\uFEFF${lines.map((cells) => `${cells.map(field).join(',')}\r\n`).join('')}` };
}
