/**
 * One page of the viewer: a placeholder of the page's size until it comes near the viewport, then
 * a canvas and pdf.js's text layer (selectable, searchable, read by screen readers). Rendering is
 * cancelled when the page leaves the document or the zoom changes.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { markMatches, revealMark } from './find';
import { TextLayer, type PDFDocumentProxy } from './pdfjs';

export interface PageSize {
  width: number;
  height: number;
}

interface Props {
  doc: PDFDocumentProxy;
  pageNumber: number;
  scale: number;
  /** The page's size at scale 1, once known (else page 1's). */
  size: PageSize;
  /** Near the viewport: render it. */
  visible: boolean;
  query: string;
  /** The current match, when it is on this page. */
  current: { item: number; start: number } | null;
  onSize: (page: number, size: PageSize) => void;
  onRendered?: (page: number) => void;
}

export function PdfPage({
  doc,
  pageNumber,
  scale,
  size,
  visible,
  query,
  current,
  onSize,
  onRendered,
}: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const layer = useRef<{ spans: HTMLElement[]; texts: string[] } | null>(null);
  const [renderedAt, setRenderedAt] = useState<number | null>(null);

  useEffect(() => {
    if (!visible) return;
    let cancelled = false;
    let cancelTask: (() => void) | null = null;
    (async () => {
      const page = await doc.getPage(pageNumber);
      if (cancelled) return;
      const base = page.getViewport({ scale: 1 });
      if (base.width !== size.width || base.height !== size.height) {
        onSize(pageNumber, { width: base.width, height: base.height });
      }
      const viewport = page.getViewport({ scale });
      const canvas = canvasRef.current;
      const text = textRef.current;
      if (!canvas || !text) return;
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      const task = page.render({
        canvas,
        viewport,
        transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined,
      });
      cancelTask = () => task.cancel();
      await task.promise;
      if (cancelled) return;
      text.replaceChildren();
      layer.current = null;
      const textLayer = new TextLayer({
        textContentSource: page.streamTextContent(),
        container: text,
        viewport,
      });
      cancelTask = () => textLayer.cancel();
      await textLayer.render();
      if (cancelled) return;
      layer.current = { spans: textLayer.textDivs, texts: textLayer.textContentItemsStr };
      setRenderedAt(scale);
      onRendered?.(pageNumber);
    })().catch((e: unknown) => {
      // A render cancelled by a zoom or by scrolling away is not an error.
      if (!(e instanceof Error && e.name === 'RenderingCancelledException') && !cancelled) console.error(e);
    });
    return () => {
      cancelled = true;
      cancelTask?.();
    };
    // `size` is only read to report a correction: re-rendering on it would loop.
  }, [doc, pageNumber, scale, visible]);

  // Far from the viewport, the bitmap and the text layer are dropped: 50 pages of canvases at
  // a high pixel ratio would hold hundreds of megabytes.
  useEffect(() => {
    if (visible) return;
    if (canvasRef.current) canvasRef.current.width = 0;
    textRef.current?.replaceChildren();
    layer.current = null;
    setRenderedAt(null);
  }, [visible]);

  useEffect(() => {
    if (!layer.current || renderedAt !== scale) return;
    const mark = markMatches(layer.current.spans, layer.current.texts, query, current);
    if (mark) revealMark(mark);
  }, [query, current, renderedAt, scale]);

  const w = Math.floor(size.width * scale);
  const h = Math.floor(size.height * scale);
  return (
    <div
      class="tw-pdf-page"
      data-page={pageNumber}
      data-rendered={renderedAt === scale ? 'true' : 'false'}
      role="region"
      aria-label={`Page ${pageNumber}`}
      style={{ width: `${w}px`, height: `${h}px`, '--scale-factor': scale, '--total-scale-factor': scale }}
    >
      <canvas ref={canvasRef} aria-hidden="true" style={{ width: `${w}px`, height: `${h}px` }} />
      <div ref={textRef} class="textLayer" />
    </div>
  );
}
