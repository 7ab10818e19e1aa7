/**
 * The PDF viewer page (`pdf.html`): opens a local file (picker or drop), `?src=<url>` or a kept
 * copy (`?kept=<fingerprint>`), draws the pages lazily with their text layer, identifies the paper
 * (lib/shared/identify/pdf.ts) and shows the panel beside the document (PdfPanel): summary or
 * glance, the note frame, and "keep a copy in this browser" for a local file. Text selected in a
 * page can be highlighted; highlights are stored with the page highlights (db/highlights.ts) with
 * their page number, and drawn again whenever the page is drawn. An extension page, so it opens
 * the database itself.
 *
 * Keyboard: Ctrl/⌘ + `=` / `-` / `0` zoom in, out and to the page width; PageUp/PageDown move by
 * a page; Ctrl/⌘+F finds in the document (Enter next, Shift+Enter previous, Escape clears);
 * Alt+Shift+H highlights the selection in yellow.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { identifyPdf, type PdfIdentification, type PdfPageText } from '../../../shared/identify/pdf';
import {
  HIGHLIGHT_COLORS,
  HIGHLIGHT_SWATCHES,
  type Highlight,
  type HighlightColor,
} from '../../../shared/model';
import { MAX_QUOTE } from '../../../shared/limits';
import { storageErrorMessage } from '../../../shared/storage-errors';
import { useLiveQuery } from '../../components/use-live-query';
import { getDb } from '../../db';
import { highlightsOf, saveHighlight } from '../../db/highlights';
import { upsertPaper } from '../../db/papers';
import { describeRange, type Selectors } from '../anchor';
import { extractPdfFacts } from '../extract';
import { forgetCopy, getCopy, isKept, keepCopy } from '../kept';
import { findMatches, type Match } from './find';
import { PdfPanel, sightingOf } from './PdfPanel';
import { PdfPage, type PageMark, type PageSize } from './PdfPage';
import { openPdf, type PDFDocumentProxy } from './pdfjs';
import { fetchSource } from './source';
import { layerOf, layerText, offsetIn } from './text-layer';

const ZOOM_STEPS = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];
const PAGE_GAP = 16;

/** Where the open document came from. */
interface Origin {
  kind: 'file' | 'url' | 'kept';
  /** The https address of a document read from a site. */
  url?: string;
  /** The file's bytes again (pdf.js may take the first buffer to its worker): local files only. */
  reread?: () => Promise<Uint8Array>;
}

interface Opened {
  doc: PDFDocumentProxy;
  name: string;
  origin: Origin;
  /** Counts opens, so that opening the same file again starts a fresh view. */
  serial: number;
}

export interface PdfViewerProps {
  /** `?src=` of the page: a document to open at once. */
  src?: string | null;
  /** `?kept=` of the page: the fingerprint of a kept copy to open. */
  kept?: string | null;
  /** Called once the open document is identified (the panel integration listens here). */
  onIdentified?: (identity: PdfIdentification, doc: PDFDocumentProxy) => void;
}

export function PdfViewer({ src, kept, onIdentified }: PdfViewerProps) {
  const [opened, setOpened] = useState<Opened | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [identity, setIdentity] = useState<PdfIdentification | null>(null);
  const [pages, setPages] = useState<PdfPageText[] | null>(null);
  const [keptNow, setKeptNow] = useState(false);
  const [keepBusy, setKeepBusy] = useState(false);
  const [keepError, setKeepError] = useState<string | null>(null);
  const current = useRef<Opened | null>(null);

  const openBytes = useCallback(
    async (bytes: Uint8Array, name: string, origin: Origin) => {
      setBusy(true);
      setError(null);
      try {
        const doc = await openPdf(bytes);
        const prev = current.current;
        const next = { doc, name, origin, serial: (prev?.serial ?? 0) + 1 };
        current.current = next;
        void prev?.doc.destroy();
        setOpened(next);
        setIdentity(null);
        setPages(null);
        setKeptNow(origin.kind === 'kept');
        setKeepError(null);
        document.title = `${name} — Takeaway`;
        // Identification reads a few pages' text while the first page is drawn.
        const show = (id: PdfIdentification) => {
          if (current.current !== next) return;
          setIdentity(id);
          onIdentified?.(id, doc);
          if (id.fingerprint && origin.kind === 'file')
            void isKept(getDb(), id.fingerprint).then(
              (k) => current.current === next && setKeptNow(k),
              () => undefined,
            );
        };
        extractPdfFacts(doc)
          .then((facts) => {
            if (current.current === next) setPages(facts.pages);
            return identifyPdf(facts);
          })
          .then(show, () => show({ paper: null, list: [], fingerprint: doc.fingerprints[0] ?? null }));
      } catch (e) {
        setError(openError(e));
      } finally {
        setBusy(false);
      }
    },
    [onIdentified],
  );

  const openFile = useCallback(
    async (file: File | null | undefined) => {
      if (!file) return;
      await openBytes(new Uint8Array(await file.arrayBuffer()), file.name, {
        kind: 'file',
        reread: async () => new Uint8Array(await file.arrayBuffer()),
      });
    },
    [openBytes],
  );

  useEffect(() => {
    if (!src) return;
    setBusy(true);
    fetchSource(src)
      .then(({ bytes, name }) => openBytes(bytes, name, { kind: 'url', url: src }))
      .catch((e: unknown) => {
        setBusy(false);
        setError(e instanceof Error ? e.message : String(e));
      });
  }, [src, openBytes]);

  useEffect(() => {
    if (!kept || src) return;
    setBusy(true);
    getCopy(getDb(), kept)
      .then((copy) => {
        if (!copy) throw new Error('This kept PDF is no longer in this browser.');
        const id = copy.id;
        return openBytes(copy.bytes.slice(), copy.name, {
          kind: 'kept',
          reread: async () => (await getCopy(getDb(), id))?.bytes ?? new Uint8Array(),
        });
      })
      .catch((e: unknown) => {
        setBusy(false);
        setError(e instanceof Error ? e.message : String(e));
      });
  }, [kept, src, openBytes]);

  const origin = opened?.origin;
  const sighting = useMemo(() => (identity ? sightingOf(identity, origin?.url) : null), [identity, origin]);
  const sightingKey = JSON.stringify(sighting);
  const highlights = useLiveQuery(
    async () => (sighting ? highlightsOf(getDb(), sighting) : []),
    [sightingKey],
  );
  const marks = useMemo(() => {
    const byPage: Record<number, PageMark[]> = {};
    for (const h of highlights ?? []) if (h.page !== undefined) (byPage[h.page] ??= []).push(h);
    return byPage;
  }, [highlights]);

  const onHighlight = useCallback(
    async (page: number, sel: Selectors, color: HighlightColor): Promise<Highlight> => {
      if (!sighting) throw new Error('The paper is still being read.');
      const where = origin?.url ?? `urn:x-pdf:${sighting.fingerprint ?? 'unknown'}`;
      return saveHighlight(
        getDb(),
        sighting,
        { id: crypto.randomUUID(), quote: sel.quote, position: sel.position, color, page },
        where,
      );
    },
    [sighting, origin],
  );

  const onKeep = async (keep: boolean) => {
    const o = current.current;
    const fp = identity?.fingerprint;
    if (!o?.origin.reread || !fp) return;
    setKeepBusy(true);
    setKeepError(null);
    // Shown at once; taken back if the write fails.
    setKeptNow(keep);
    try {
      if (keep) {
        await keepCopy(getDb(), { fingerprint: fp, name: o.name, bytes: await o.origin.reread() });
        // The paper is remembered with its file, so the library lists it and its copy.
        if (sighting) await upsertPaper(getDb(), sighting);
      } else await forgetCopy(getDb(), fp);
    } catch (e) {
      setKeptNow(!keep);
      setKeepError(
        `The copy could not be ${keep ? 'kept' : 'deleted'}: ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      setKeepBusy(false);
    }
  };

  return (
    <div class="tw-pdf-app">
      {opened ? (
        <Viewer
          key={opened.serial}
          opened={opened}
          onOpenFile={openFile}
          marks={marks}
          onHighlight={sighting ? onHighlight : undefined}
        >
          <aside class="tw-pdf-side" data-testid="pdf-panel-slot" aria-label="Takeaway">
            <PdfPanel
              identity={identity}
              pages={pages}
              sighting={sighting}
              {...(opened.origin.reread && identity?.fingerprint
                ? {
                    keep: {
                      checked: keptNow,
                      busy: keepBusy,
                      error: keepError,
                      onChange: (k) => void onKeep(k),
                    },
                  }
                : {})}
            />
          </aside>
        </Viewer>
      ) : (
        <OpenScreen busy={busy} onOpenFile={openFile} />
      )}
      {error && (
        <p class="tw-pdf-error" role="alert" data-testid="pdf-error">
          {error}
        </p>
      )}
    </div>
  );
}

function openError(e: unknown): string {
  const name = e instanceof Error ? e.name : '';
  if (name === 'PasswordException')
    return 'This PDF is protected by a password, which the viewer cannot open yet.';
  if (name === 'InvalidPDFException') return 'This file is not a PDF, or it is damaged.';
  return `The PDF could not be opened${e instanceof Error && e.message ? `: ${e.message}` : '.'}`;
}

function OpenScreen({ busy, onOpenFile }: { busy: boolean; onOpenFile: (f: File | undefined) => void }) {
  const [over, setOver] = useState(false);
  const onDrop = (e: JSX.TargetedDragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    onOpenFile(e.dataTransfer?.files[0]);
  };
  return (
    <main class="tw-pdf-open">
      <h1 class="tw-page-title">Open a PDF</h1>
      <p class="tw-muted">
        The file is read here, in your browser. It is not uploaded anywhere and not stored unless you ask.
      </p>
      <div
        class={`tw-pdf-drop${over ? ' tw-pdf-drop-over' : ''}`}
        data-testid="pdf-drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>Drop a PDF here, or</p>
        <label class="tw-button tw-pdf-pick">
          Choose a file…
          <input
            class="tw-sr-only"
            type="file"
            accept="application/pdf,.pdf"
            data-testid="pdf-open-file"
            disabled={busy}
            onChange={(e) => onOpenFile(e.currentTarget.files?.[0])}
          />
        </label>
        {busy && (
          <p class="tw-muted" role="status">
            Opening…
          </p>
        )}
      </div>
    </main>
  );
}

interface ViewerProps {
  opened: Opened;
  onOpenFile: (f: File | undefined) => void;
  children: JSX.Element;
  /** The reader's highlights by page. */
  marks: Record<number, PageMark[]>;
  /** Store a highlight of the selection; absent until the paper is known. */
  onHighlight?: (page: number, sel: Selectors, color: HighlightColor) => Promise<Highlight>;
}

/** What the selection toolbar offers to highlight. */
interface Selected {
  page: number;
  sel: Selectors;
  /** Where to show the toolbar (viewport coordinates of the selection's end). */
  x: number;
  y: number;
}

/** The selection as selectors over its page's text, when it starts in a page's text layer. */
function selectionInPage(): Selected | null {
  const s = document.getSelection();
  if (!s || s.isCollapsed || s.rangeCount === 0) return null;
  const range = s.getRangeAt(0);
  const layer = layerOf(range.startContainer);
  const page = Number(layer?.closest<HTMLElement>('.tw-pdf-page')?.dataset.page);
  if (!layer || !page) return null;
  const map = layerText(layer);
  const start = offsetIn(layer, range.startContainer, range.startOffset);
  // A selection running into the next page is cut at the end of this one.
  const end = layer.contains(range.endContainer)
    ? offsetIn(layer, range.endContainer, range.endOffset)
    : map.text.length;
  const sel = describeRange(map.text, start, end);
  if (!sel) return null;
  const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
  const last = rects.at(-1) ?? range.getBoundingClientRect();
  return { page, sel, x: last.right, y: last.bottom };
}

function Viewer({ opened, onOpenFile, children, marks, onHighlight }: ViewerProps) {
  const { doc } = opened;
  const numPages = doc.numPages;
  const scroller = useRef<HTMLElement>(null);
  const findInput = useRef<HTMLInputElement>(null);
  const [baseSize, setBaseSize] = useState<PageSize | null>(null);
  const [sizes, setSizes] = useState<Record<number, PageSize>>({});
  const [scale, setScaleState] = useState(1);
  const [fit, setFit] = useState(true);
  const [pageInput, setPageInput] = useState('1');
  const [visible, setVisible] = useState<Set<number>>(() => new Set([1]));
  const [invert, setInvert] = useState(false);
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<Match[]>([]);
  const [matchIndex, setMatchIndex] = useState(0);
  const [announce, setAnnounce] = useState('');
  const anchor = useRef<{ page: number; frac: number } | null>(null);
  // The page the reader is on, kept in a ref rather than in state: a key pressed before the next
  // render (two PageDowns in a row) must count from the page the previous key went to, not from
  // the page of the last render. What the toolbar shows is `pageInput`.
  const pageRef = useRef(1);
  // Where `goToPage` last scrolled to. While the view stays there, that page is the current one,
  // whatever the top-third probe says (the last pages cannot scroll to the top of the view).
  const jumped = useRef<{ page: number; top: number } | null>(null);
  const scaleRef = useRef(scale);
  scaleRef.current = scale;
  const textIndex = useRef<Promise<{ page: number; items: string[] }[]> | null>(null);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [hlMessage, setHlMessage] = useState<string | null>(null);

  // The selection toolbar: shown when text of a page is selected (mouse or keyboard), hidden when
  // the selection goes.
  useEffect(() => {
    const onChange = () => {
      const s = document.getSelection();
      if (!s || s.isCollapsed) setSelected(null);
    };
    const onUp = () => {
      // After the browser has settled the selection.
      setTimeout(() => setSelected(selectionInPage()), 0);
    };
    const el = scroller.current;
    document.addEventListener('selectionchange', onChange);
    el?.addEventListener('mouseup', onUp);
    el?.addEventListener('keyup', onUp);
    return () => {
      document.removeEventListener('selectionchange', onChange);
      el?.removeEventListener('mouseup', onUp);
      el?.removeEventListener('keyup', onUp);
    };
  }, []);

  const highlight = async (color: HighlightColor, at: Selected | null = selected) => {
    if (!at || !onHighlight) return;
    setSelected(null);
    if (at.sel.quote.exact.length > MAX_QUOTE) {
      setHlMessage('That selection is too long to highlight; select a few sentences at most.');
      return;
    }
    try {
      await onHighlight(at.page, at.sel, color);
      document.getSelection()?.removeAllRanges();
      setHlMessage(null);
      setAnnounce('Highlighted.');
    } catch (e) {
      setHlMessage(
        `Highlight not saved: ${storageErrorMessage(e, 'Free some disk space, then highlight again.')}`,
      );
    }
  };

  useEffect(() => {
    let live = true;
    void doc.getPage(1).then((p) => {
      const v = p.getViewport({ scale: 1 });
      if (live) setBaseSize({ width: v.width, height: v.height });
    });
    return () => {
      live = false;
    };
  }, [doc]);

  const sizeOf = useCallback(
    (n: number): PageSize => sizes[n] ?? baseSize ?? { width: 612, height: 792 },
    [sizes, baseSize],
  );

  const fitScale = useCallback((): number => {
    const el = scroller.current;
    if (!el || !baseSize) return 1;
    const w = el.clientWidth - 2 * PAGE_GAP;
    return Math.max(0.25, Math.min(4, w / baseSize.width));
  }, [baseSize]);

  /** Where the reader is: the page at the top third of the view and how far into it. */
  const currentAnchor = useCallback((): { page: number; frac: number } => {
    const el = scroller.current;
    if (!el) return { page: 1, frac: 0 };
    const probe = el.scrollTop + el.clientHeight / 3;
    const pages = el.querySelectorAll<HTMLElement>('.tw-pdf-page');
    let page = 1;
    let frac = 0;
    pages.forEach((p, i) => {
      if (p.offsetTop <= probe) {
        page = i + 1;
        frac = (el.scrollTop - p.offsetTop) / Math.max(1, p.offsetHeight);
      }
    });
    return { page, frac };
  }, []);

  /** Changes the zoom, keeping the reader's place (restored by the layout effect below). */
  const rescale = useCallback(
    (next: number) => {
      const rounded = Math.round(next * 1000) / 1000;
      if (rounded === scaleRef.current) return;
      anchor.current ??= currentAnchor();
      setScaleState(rounded);
    },
    [currentAnchor],
  );

  const setScale = useCallback(
    (next: number, fitMode = false) => {
      setFit(fitMode);
      rescale(next);
    },
    [rescale],
  );

  // Fit the width when the document's size is known, and again when the window is resized.
  useEffect(() => {
    if (!baseSize || !fit) return;
    rescale(fitScale());
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => rescale(fitScale()));
    ro.observe(el);
    return () => ro.disconnect();
  }, [baseSize, fit, fitScale, rescale]);

  // Keep the reader's place across a zoom, and when a page drawn for the first time turns out to
  // be of another size than its placeholder (every page below it moves).
  useLayoutEffect(() => {
    const a = anchor.current;
    const el = scroller.current;
    anchor.current = null;
    if (!a || !el) return;
    const page = el.querySelectorAll<HTMLElement>('.tw-pdf-page')[a.page - 1];
    if (!page) return;
    el.scrollTop = page.offsetTop + a.frac * page.offsetHeight;
    if (jumped.current) jumped.current = { page: jumped.current.page, top: el.scrollTop };
  }, [scale, sizes]);

  const zoomIn = () => setScale(ZOOM_STEPS.find((z) => z > scale + 0.001) ?? scale);
  const zoomOut = () => setScale([...ZOOM_STEPS].reverse().find((z) => z < scale - 0.001) ?? scale);
  const fitWidth = () => setScale(fitScale(), true);

  const goToPage = useCallback(
    (n: number) => {
      const target = Math.max(1, Math.min(numPages, Math.round(n)));
      const el = scroller.current;
      const page = el?.querySelectorAll<HTMLElement>('.tw-pdf-page')[target - 1];
      if (el && page) {
        el.scrollTop = page.offsetTop - PAGE_GAP / 2;
        // Read back: the browser clamps and rounds what was asked.
        jumped.current = { page: target, top: el.scrollTop };
      }
      pageRef.current = target;
      setPageInput(String(target));
      setAnnounce(`Page ${target} of ${numPages}`);
    },
    [numPages],
  );

  // Lazy rendering: pages within one screen of the view are rendered, the others are not.
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof IntersectionObserver === 'undefined') {
      setVisible(new Set(Array.from({ length: numPages }, (_, i) => i + 1)));
      return;
    }
    const io = new IntersectionObserver(
      (entries) => {
        setVisible((prev) => {
          const next = new Set(prev);
          for (const e of entries) {
            const n = Number((e.target as HTMLElement).dataset.page);
            if (e.isIntersecting) next.add(n);
            else next.delete(n);
          }
          return next;
        });
      },
      { root: el, rootMargin: '100% 0px' },
    );
    el.querySelectorAll('.tw-pdf-page').forEach((p) => io.observe(p));
    return () => io.disconnect();
  }, [numPages]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // The scroll `goToPage` made reports its own page; any other scroll (wheel, scrollbar,
        // keys inside the page area) is the reader's, and the page is the one at the top third.
        const j = jumped.current;
        const page = j && Math.abs(el.scrollTop - j.top) < 1 ? j.page : currentAnchor().page;
        if (page !== j?.page) jumped.current = null;
        pageRef.current = page;
        setPageInput((prev) => (document.activeElement?.id === 'tw-pdf-page-input' ? prev : String(page)));
      });
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, [currentAnchor]);

  // Find: the text of every page is read once, on the first search.
  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setMatches([]);
      return;
    }
    let live = true;
    const timer = setTimeout(async () => {
      textIndex.current ??= Promise.all(
        Array.from({ length: numPages }, (_, i) =>
          doc
            .getPage(i + 1)
            .then((p) => p.getTextContent())
            .then((tc) => ({
              page: i + 1,
              // Text items only, in the text layer's order: match k is span k.
              items: tc.items.flatMap((it) => ('str' in it ? [it.str] : [])),
            })),
        ),
      );
      const found = findMatches(await textIndex.current, q);
      if (!live) return;
      setMatches(found);
      setMatchIndex(0);
      setAnnounce(found.length ? `${found.length} matches` : 'No matches');
      if (found[0]) goToPage(found[0].page);
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, doc, numPages, goToPage]);

  const stepMatch = (delta: number) => {
    if (!matches.length) return;
    const i = (matchIndex + delta + matches.length) % matches.length;
    setMatchIndex(i);
    setAnnounce(`Match ${i + 1} of ${matches.length}`);
    const m = matches[i];
    if (m && m.page !== pageRef.current) goToPage(m.page);
  };

  // One listener for the document's life; it calls the handler of the latest render, and the
  // page keys count from `pageRef`, which is current even before that render.
  const onKeyRef = useRef<(e: KeyboardEvent) => void>(() => undefined);
  onKeyRef.current = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && (e.key === '=' || e.key === '+')) zoomIn();
    else if (mod && e.key === '-') zoomOut();
    else if (mod && e.key === '0') fitWidth();
    else if (mod && e.key.toLowerCase() === 'f') {
      findInput.current?.focus();
      findInput.current?.select();
    } else if (e.altKey && e.shiftKey && !mod && e.code === 'KeyH')
      void highlight('yellow', selectionInPage());
    else if (!mod && !e.altKey && e.key === 'PageDown') goToPage(pageRef.current + 1);
    else if (!mod && !e.altKey && e.key === 'PageUp') goToPage(pageRef.current - 1);
    else return;
    e.preventDefault();
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => onKeyRef.current(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onSize = useCallback(
    (n: number, s: PageSize) => {
      anchor.current ??= currentAnchor();
      setSizes((prev) => ({ ...prev, [n]: s }));
    },
    [currentAnchor],
  );
  const current = matches[matchIndex] ?? null;
  const pages = useMemo(() => Array.from({ length: numPages }, (_, i) => i + 1), [numPages]);

  return (
    <div class={`tw-pdf-viewer${invert ? ' tw-pdf-invert' : ''}`}>
      <header class="tw-pdf-header">
        <h1 class="tw-sr-only">{opened.name}</h1>
        <div class="tw-pdf-toolbar" role="toolbar" aria-label="Document controls">
          <label class="tw-pdf-tool" title="Open another PDF">
            Open…
            <input
              class="tw-sr-only"
              type="file"
              accept="application/pdf,.pdf"
              data-testid="pdf-open-another"
              onChange={(e) => onOpenFile(e.currentTarget.files?.[0])}
            />
          </label>
          <span class="tw-pdf-name" title={opened.name}>
            {opened.name}
          </span>
          <span class="tw-pdf-group">
            <button
              type="button"
              class="tw-pdf-tool"
              aria-label="Previous page"
              onClick={() => goToPage(pageRef.current - 1)}
            >
              ‹
            </button>
            <label for="tw-pdf-page-input" class="tw-sr-only">
              Page number
            </label>
            <input
              id="tw-pdf-page-input"
              class="tw-pdf-page-input"
              data-testid="pdf-page-input"
              inputMode="numeric"
              value={pageInput}
              onInput={(e) => setPageInput(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') goToPage(Number(pageInput) || pageRef.current);
              }}
              onBlur={() => goToPage(Number(pageInput) || pageRef.current)}
            />
            <span data-testid="pdf-page-count">of {numPages}</span>
            <button
              type="button"
              class="tw-pdf-tool"
              aria-label="Next page"
              onClick={() => goToPage(pageRef.current + 1)}
            >
              ›
            </button>
          </span>
          <span class="tw-pdf-group">
            <button
              type="button"
              class="tw-pdf-tool"
              aria-label="Zoom out"
              data-testid="pdf-zoom-out"
              onClick={zoomOut}
            >
              −
            </button>
            <output class="tw-pdf-zoom" data-testid="pdf-zoom" aria-label="Zoom">
              {Math.round(scale * 100)}%
            </output>
            <button
              type="button"
              class="tw-pdf-tool"
              aria-label="Zoom in"
              data-testid="pdf-zoom-in"
              onClick={zoomIn}
            >
              +
            </button>
            <button
              type="button"
              class="tw-pdf-tool"
              aria-pressed={fit}
              data-testid="pdf-fit-width"
              onClick={fitWidth}
            >
              Fit width
            </button>
          </span>
          <span class="tw-pdf-group" role="search">
            <label for="tw-pdf-find" class="tw-sr-only">
              Find in document
            </label>
            <input
              id="tw-pdf-find"
              ref={findInput}
              type="search"
              class="tw-pdf-find"
              data-testid="pdf-find"
              placeholder="Find"
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  stepMatch(e.shiftKey ? -1 : 1);
                } else if (e.key === 'Escape') setQuery('');
              }}
            />
            <span class="tw-pdf-matches" data-testid="pdf-find-count">
              {query.trim() ? (matches.length ? `${matchIndex + 1}/${matches.length}` : '0/0') : ''}
            </span>
            <button
              type="button"
              class="tw-pdf-tool"
              aria-label="Previous match"
              onClick={() => stepMatch(-1)}
            >
              ↑
            </button>
            <button type="button" class="tw-pdf-tool" aria-label="Next match" onClick={() => stepMatch(1)}>
              ↓
            </button>
          </span>
          <label class="tw-pdf-tool tw-pdf-check">
            <input type="checkbox" checked={invert} onChange={(e) => setInvert(e.currentTarget.checked)} />
            Dark pages
          </label>
        </div>
        {/* In the banner, so it is within a landmark; drawn over the page where the selection is. */}
        {selected && onHighlight && (
          <div
            class="tw-hl-bar tw-pdf-hl-bar"
            role="toolbar"
            aria-label="Takeaway highlight"
            data-testid="takeaway-highlight-toolbar"
            style={{
              left: `${Math.max(8, Math.min(window.innerWidth - 180, selected.x - 80))}px`,
              top: `${Math.min(window.innerHeight - 48, selected.y + 8)}px`,
            }}
            onKeyDown={(e) => {
              const buttons = Array.from(e.currentTarget.querySelectorAll('button'));
              const i = buttons.indexOf(e.target as HTMLButtonElement);
              if (e.key === 'Escape') setSelected(null);
              else if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && i >= 0) {
                e.preventDefault();
                buttons[(i + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
              }
            }}
          >
            {HIGHLIGHT_COLORS.map((c, i) => (
              <button
                key={c}
                type="button"
                class="tw-hl-swatch"
                style={{ background: HIGHLIGHT_SWATCHES[c] }}
                aria-label={`Highlight in ${c}`}
                title={i === 0 ? 'Highlight (Alt+Shift+H)' : `Highlight in ${c}`}
                tabIndex={i === 0 ? 0 : -1}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => void highlight(c)}
              />
            ))}
          </div>
        )}
        {hlMessage && (
          <p class="tw-pdf-error tw-pdf-hl-message" role="alert" data-testid="pdf-highlight-message">
            {hlMessage}{' '}
            <button type="button" class="tw-pdf-tool" onClick={() => setHlMessage(null)}>
              OK
            </button>
          </p>
        )}
      </header>
      <div class="tw-pdf-body">
        <main
          class="tw-pdf-scroller"
          ref={scroller}
          tabIndex={0}
          aria-label={`${opened.name}, ${numPages} pages`}
          data-testid="pdf-pages"
        >
          {pages.map((n) => (
            <PdfPage
              key={n}
              doc={doc}
              pageNumber={n}
              scale={scale}
              size={sizeOf(n)}
              visible={visible.has(n)}
              query={query}
              current={current && current.page === n ? current : null}
              onSize={onSize}
              {...(marks[n] ? { marks: marks[n] } : {})}
            />
          ))}
          <div class="tw-sr-only" aria-live="polite" data-testid="pdf-announce">
            {announce}
          </div>
        </main>
        {children}
      </div>
    </div>
  );
}
