/**
 * pdf.js for the viewer page, with its worker bundled in the extension: the worker file is
 * emitted by Vite as an extension asset (`?url`), so nothing is loaded from a CDN or another
 * origin. The legacy build keeps the oldest browser the manifest allows (Firefox 115) working.
 */
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

export { TextLayer } from 'pdfjs-dist/legacy/build/pdf.mjs';
export type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Opens a document from its bytes. No eval (the extension's CSP forbids it), no XFA forms, no
 * font or CMap fetches: without `standardFontDataUrl` the browser's own fonts stand in for the
 * standard 14.
 */
export function openPdf(data: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({ data, isEvalSupported: false, enableXfa: false, verbosity: 0 }).promise;
}
