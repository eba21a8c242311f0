/**
 * The kiosk prints on an 80 mm thermal roll. CSS cannot say "80 mm wide, as long as the content":
 * `@page { size: 80mm auto }` is not valid (`size` takes one or two lengths, a paper name or
 * `auto` alone), so Chromium drops the declaration and prints on Letter. The page is therefore
 * sized just before each print from the printed block's measured length.
 */
export const PAPER_WIDTH_MM = 80;

const MM_PER_CSS_PX = 25.4 / 96;
/** Room for Chromium's rounding of the page to device pixels, so nothing spills onto a second page. */
const SLACK_MM = 2;

/** The print rule for a printed block `heightPx` CSS pixels long: 80 mm wide, whole millimetres long. */
export function ticketPageRule(heightPx: number): string {
  const lengthMm = Math.ceil(heightPx * MM_PER_CSS_PX) + SLACK_MM;
  return `@media print { @page { size: ${PAPER_WIDTH_MM}mm ${lengthMm}mm; margin: 0; } }`;
}

const sheets = new WeakMap<Document, CSSStyleSheet>();

/**
 * Sets the printed page to 80 mm × the length of `printed` (laid out off screen at its printed
 * size). A constructed style sheet, not a <style> element, so a Content-Security-Policy without
 * 'unsafe-inline' styles does not stop it.
 */
export function fitPrintedPage(document: Document, printed: Element): void {
  let sheet = sheets.get(document);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheets.set(document, sheet);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  sheet.replaceSync(ticketPageRule(printed.getBoundingClientRect().height));
}
