/**
 * One page of the viewer: a placeholder of the page's size until it comes near the viewport, then
 * a canvas and pdf.js's text layer (selectable, searchable, read by screen readers). Rendering is
 * cancelled when the page leaves the document or the zoom changes.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { HIGHLIGHT_SWATCHES, type Highlight } from '../../../shared/model';
import { anchorQuote } from '../anchor';
import { markMatches, revealMark } from './find';
import { TextLayer, type PDFDocumentProxy } from './pdfjs';
import { boxesOf, layerText, rangeOf, type Box } from './text-layer';

/** A stored highlight of this page, as the page draws it. */
export type PageMark = Pick<Highlight, 'id' | 'color' | 'quote' | 'position'>;

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
  /** The reader's highlights on this page, anchored again in its text layer once it is drawn. */
  marks?: readonly PageMark[];
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
  marks,
}: Props) {
  const pageRef = useRef<HTMLDivElement>(null);
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

  // Highlights: found again in the page's text (quote and context, the old position deciding
  // between repeats) each time the text layer is drawn, at any zoom; drawn under the text layer
  // so that the text stays selectable.
  const [drawn, setDrawn] = useState<{ id: string; color: PageMark['color']; boxes: Box[] }[]>([]);
  useEffect(() => {
    const text = textRef.current;
    const frame = pageRef.current;
    if (!text || !frame || renderedAt !== scale || !marks?.length) {
      setDrawn([]);
      return;
    }
    const map = layerText(text);
    const out: typeof drawn = [];
    for (const m of marks) {
      const a = anchorQuote(map.text, m.quote, m.position);
      const range = a && rangeOf(text, map, a.start, a.end);
      if (range) out.push({ id: m.id, color: m.color, boxes: boxesOf(range, frame) });
    }
    setDrawn(out);
  }, [marks, renderedAt, scale]);

  const w = Math.floor(size.width * scale);
  const h = Math.floor(size.height * scale);
  return (
    <div
      ref={pageRef}
      class="tw-pdf-page"
      data-page={pageNumber}
      data-rendered={renderedAt === scale ? 'true' : 'false'}
      role="region"
      aria-label={`Page ${pageNumber}`}
      style={{ width: `${w}px`, height: `${h}px`, '--scale-factor': scale, '--total-scale-factor': scale }}
    >
      <canvas ref={canvasRef} aria-hidden="true" style={{ width: `${w}px`, height: `${h}px` }} />
      <div class="tw-pdf-marks" aria-hidden="true">
        {drawn.map((d) =>
          d.boxes.map((b, i) => (
            <div
              key={`${d.id}-${i}`}
              class="tw-pdf-mark"
              data-testid="pdf-highlight"
              data-highlight-id={d.id}
              data-color={d.color}
              style={{
                left: `${b.left}px`,
                top: `${b.top}px`,
                width: `${b.width}px`,
                height: `${b.height}px`,
                background: HIGHLIGHT_SWATCHES[d.color],
              }}
            />
          )),
        )}
      </div>
      <div ref={textRef} class="textLayer" />
    </div>
  );
}
