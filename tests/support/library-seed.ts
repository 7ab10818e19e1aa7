/**
 * Seeds a large library straight into the extension's IndexedDB from an extension page, for the
 * library e2e test and benchmark. It writes through the raw IndexedDB API of the page (the
 * database the page itself opened at the current schema), so production code has no test-only
 * entry point, and the library then reads the data exactly as it reads a reader's.
 */
import type { Page } from 'playwright-core';

export interface SeedOptions {
  papers: number;
  notesPerPaper: number;
  highlights: number;
  /** Paper number whose first note carries `marker`, so a search has one known answer. */
  markedPaper: number;
  marker: string;
}

export interface SeedResult {
  papers: number;
  notes: number;
  highlights: number;
  ms: number;
}

/** Runs inside the page: plain JavaScript only, nothing from the enclosing module. */
function seedInPage(o: SeedOptions): Promise<SeedResult> {
  const t0 = performance.now();
  let seed = 42;
  const rnd = () => {
    // xorshift32: 32-bit integer arithmetic only (a float multiply would lose bits and cycle early).
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
  const common = [
    'patients',
    'trial',
    'risk',
    'mortality',
    'cohort',
    'dose',
    'outcome',
    'randomised',
    'placebo',
    'effect',
    'bias',
    'follow-up',
    'adverse',
    'events',
    'hazard',
    'ratio',
    'confidence',
    'interval',
    'primary',
    'endpoint',
    'secondary',
    'analysis',
    'subgroup',
    'elderly',
    'children',
    'women',
    'renal',
    'cardiac',
    'hepatic',
    'bone',
    'fracture',
    'infection',
    'sepsis',
    'stroke',
    'diabetes',
    'insulin',
    'statin',
    'aspirin',
    'warfarin',
    'heparin',
    'check',
    'compare',
    'question',
    'journal',
    'club',
    'discuss',
    'limitation',
    'small',
    'sample',
    'power',
  ];
  const syl = [
    'ra',
    'no',
    'ti',
    'mab',
    'zo',
    'le',
    'pri',
    'sta',
    'lin',
    'ce',
    'fu',
    'ox',
    'ine',
    'dro',
    'ma',
    'vir',
    'cal',
    'ton',
    'pa',
    'gen',
  ];
  const rare = Array.from({ length: 6000 }, () => {
    let w = '';
    const n = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) w += syl[Math.floor(rnd() * syl.length)];
    return w;
  });
  const word = () =>
    rnd() < 0.7 ? common[Math.floor(rnd() * common.length)] : rare[Math.floor(rnd() * rare.length)];
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  const tagsPool = [
    'oncology',
    'cardiology',
    'nephrology',
    'journal club',
    'exam',
    'teaching',
    'to read',
    'methods',
  ];
  const now = Date.now();
  const DAY = 86_400_000;
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('takeaway');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const idb = open.result;
      const tx = idb.transaction(['papers', 'notes', 'highlights'], 'readwrite');
      const papers = tx.objectStore('papers');
      const notes = tx.objectStore('notes');
      const highlights = tx.objectStore('highlights');
      let noteCount = 0;
      for (let i = 1; i <= o.papers; i++) {
        const doi = `10.5555/seed.${i}`;
        const created = now - Math.floor(rnd() * 700) * DAY;
        papers.put({
          id: i,
          keys: [`doi:${doi}`],
          doi,
          title: `${sentence(6)} ${i}`,
          journal: 'Seeded Journal',
          urls: [`https://doi.org/${doi}`],
          createdAt: created,
          updatedAt: created,
        });
        for (let j = 0; j < o.notesPerPaper; j++) {
          const t = Math.min(now - 60_000 + j, created + Math.floor(rnd() * 30) * DAY + j);
          const body =
            i === o.markedPaper && j === 0
              ? `${o.marker} ${sentence(20)}`
              : sentence(20 + Math.floor(rnd() * 30));
          notes.put({
            id: `00000000-0000-4000-8000-${String(i * 100 + j).padStart(12, '0')}`,
            paperId: i,
            body,
            tags: rnd() < 0.3 ? [tagsPool[Math.floor(rnd() * tagsPool.length)]] : [],
            createdAt: t,
            updatedAt: t,
          });
          noteCount++;
        }
      }
      for (let k = 0; k < o.highlights; k++) {
        const paperId = 1 + Math.floor(rnd() * o.papers);
        const exact = sentence(8);
        highlights.put({
          id: `11111111-0000-4000-8000-${String(k).padStart(12, '0')}`,
          paperId,
          quote: { type: 'TextQuoteSelector', exact, prefix: 'before ', suffix: ' after' },
          color: 'yellow',
          url: `https://doi.org/10.5555/seed.${paperId}`,
          createdAt: now - k,
          updatedAt: now - k,
        });
      }
      tx.oncomplete = () => {
        idb.close();
        resolve({ papers: o.papers, notes: noteCount, highlights: o.highlights, ms: performance.now() - t0 });
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/**
 * Seed from an extension page that has already opened the database (so it exists at the current
 * schema). The function is sent as source text with a no-op `__name`, which some TypeScript
 * loaders insert into compiled functions and which the page does not have.
 */
export async function seedLibrary(page: Page, o: SeedOptions): Promise<SeedResult> {
  return page.evaluate(
    `(() => { const __name = (f) => f; return (${seedInPage.toString()})(${JSON.stringify(o)}); })()`,
  ) as Promise<SeedResult>;
}

/** The number of rows in a store, read from the page. */
export async function countRows(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('takeaway');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name, 'readonly').objectStore(name).count();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}
