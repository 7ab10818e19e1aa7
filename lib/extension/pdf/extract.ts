/**
 * Reads what identification needs from a document pdf.js has opened: the Info dictionary, the raw
 * XMP packet, the fingerprint, and the text runs of the first pages and the last page (whose
 * reference list tells which DOIs are cited). No DOM: the viewer, the detect CLI and the tests in
 * Node call the same function.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import { FIRST_PAGES, type PdfFacts, type PdfPageText, type PdfTextItem } from '../../shared/identify/pdf';

/** Info keys pdf.js adds about the file itself, not found in the dictionary. */
const PDFJS_KEYS = new Set([
  'PDFFormatVersion',
  'Language',
  'EncryptFilterName',
  'IsLinearized',
  'IsAcroFormPresent',
  'IsXFAPresent',
  'IsCollectionPresent',
  'IsSignaturesPresent',
]);

/** The pages whose text is read: the first `first` and the last. */
export function pagesToRead(numPages: number, first = FIRST_PAGES): number[] {
  const pages: number[] = [];
  for (let p = 1; p <= Math.min(first, numPages); p++) pages.push(p);
  if (numPages > first) pages.push(numPages);
  return pages;
}

export async function extractPdfFacts(doc: PDFDocumentProxy): Promise<PdfFacts> {
  const [meta, pages] = await Promise.all([
    doc.getMetadata().catch(() => null),
    Promise.all(pagesToRead(doc.numPages).map((n) => doc.getPage(n).then(readPageText, () => null))),
  ]);
  return {
    fingerprint: doc.fingerprints[0] ?? '',
    info: flattenInfo(meta?.info),
    xmp: rawXmp(meta?.metadata),
    pages: pages.filter((p): p is PdfPageText => p !== null),
  };
}

/** String entries of the Info dictionary, custom keys (pdf.js's `Custom`) included. */
function flattenInfo(info: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!info || typeof info !== 'object') return out;
  for (const [k, v] of Object.entries(info as Record<string, unknown>)) {
    if (typeof v === 'string' && !PDFJS_KEYS.has(k)) out[k] = v;
  }
  const custom = (info as { Custom?: unknown }).Custom;
  if (custom && typeof custom === 'object') {
    for (const [k, v] of Object.entries(custom as Record<string, unknown>)) {
      // pdf.js gives custom names as written; a name that is also a standard key is not allowed
      // to replace the standard value.
      if (typeof v === 'string' && !(k in out)) out[k] = v;
    }
  }
  return out;
}

function rawXmp(metadata: unknown): string | null {
  if (!metadata || typeof (metadata as { getRaw?: unknown }).getRaw !== 'function') return null;
  const raw: unknown = (metadata as { getRaw: () => unknown }).getRaw();
  return typeof raw === 'string' && raw ? raw : null;
}

/** The page's text runs in PDF user space (origin at the view box's bottom left). */
export async function readPageText(page: PDFPageProxy): Promise<PdfPageText> {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
  const content = await page.getTextContent();
  const items: PdfTextItem[] = [];
  for (const it of content.items as (TextItem | TextMarkedContent)[]) {
    if (!('str' in it) || !it.str) continue;
    const t = it.transform as number[];
    const size = Math.hypot(t[2] ?? 0, t[3] ?? 0) || it.height;
    items.push({ str: it.str, x: (t[4] ?? 0) - x0, y: (t[5] ?? 0) - y0, width: it.width, size });
  }
  return { page: page.pageNumber, width: x1 - x0, height: y1 - y0, items };
}
