import type { Highlight, Note, Paper, TakeawayDB } from '../../../../lib/extension/db';
import { openDatabase } from '../../../../lib/extension/db';
import {
  buildLibrary,
  summaryCacheTable,
  type LibraryPaper,
  type CachedSummary,
  type PaperSummaryInfo,
} from '../../../../lib/extension/library/model';

export function freshDb(): TakeawayDB {
  return openDatabase(`library-${crypto.randomUUID()}`);
}

export const DAY = 86_400_000;
export const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

export interface Seed {
  papers: Paper[];
  notes: Note[];
  highlights: Highlight[];
  summaries: CachedSummary[];
}

function paper(id: number, title: string, extra: Partial<Paper> = {}): Paper {
  const p: Paper = {
    id,
    keys: [`doi:10.1000/p${id}`],
    doi: `10.1000/p${id}`,
    title,
    urls: [`https://doi.org/10.1000/p${id}`],
    createdAt: NOW - 30 * DAY,
    updatedAt: NOW - 30 * DAY,
    ...extra,
  };
  for (const k of Object.keys(p) as (keyof Paper)[]) if (p[k] === undefined) delete p[k];
  return p;
}

function note(
  id: string,
  paperId: number,
  body: string,
  tags: string[],
  updatedAt: number,
  extra: Partial<Note> = {},
): Note {
  return { id, paperId, body, tags, createdAt: updatedAt - DAY, updatedAt, ...extra };
}

function summary(takeaway: string, level: 1 | 2 | 3 | 4 | 5, concepts: string[]): PaperSummaryInfo {
  return {
    takeaway,
    level,
    studyType: level === 1 ? 'meta-analysis' : level === 2 ? 'randomized controlled trial' : 'cohort study',
    concepts,
    origin: 'bundled',
  };
}

/** A small library with known contents: four papers with notes/highlights, one without either. */
export function smallLibrary(): Seed {
  const papers = [
    paper(1, 'Denosumab versus zoledronic acid for bone metastasis', {
      pmid: '1001',
      keys: ['doi:10.1000/p1', 'pmid:1001'],
      journal: 'Lancet Oncology',
    }),
    paper(2, 'Vitamin D supplementation and fracture risk: a meta-analysis'),
    paper(3, 'Acute kidney injury after cardiac surgery: a cohort'),
    paper(4, 'Exercise after hip fracture', { doi: undefined, keys: ['pmid:4004'], pmid: '4004' }),
    paper(5, 'A paper visited but never noted'),
  ];
  const notes = [
    note(
      'aaaaaaaa-0001',
      1,
      'Hypocalcaemia was more common with denosumab; check calcium before each dose.',
      ['oncology', 'safety'],
      NOW - 2 * DAY,
    ),
    note(
      'aaaaaaaa-0002',
      1,
      'Skeletal-related events delayed by about 8 months.',
      ['oncology'],
      NOW - 3 * DAY,
    ),
    note(
      'aaaaaaaa-0003',
      2,
      'No fracture benefit in community-dwelling adults; journal club next week.',
      ['journal club'],
      NOW - 40 * DAY,
    ),
    note(
      'aaaaaaaa-0004',
      3,
      'Creatinine rise within 48 hours; mentions denosumab only in passing.',
      ['nephrology'],
      NOW - 400 * DAY,
    ),
    note('aaaaaaaa-0005', 3, 'In the trash now', ['nephrology'], NOW - 5 * DAY, { deletedAt: NOW - DAY }),
  ];
  const highlights: Highlight[] = [
    {
      id: 'bbbbbbbb-0001',
      paperId: 4,
      quote: {
        type: 'TextQuoteSelector',
        exact: 'supervised resistance training improved gait speed',
        prefix: 'We found that ',
        suffix: ' at 12 weeks',
      },
      position: { type: 'TextPositionSelector', start: 120, end: 171 },
      color: 'green',
      comment: 'Useful for the rehab talk',
      url: 'https://pubmed.ncbi.nlm.nih.gov/4004/',
      createdAt: NOW - 10 * DAY,
      updatedAt: NOW - 10 * DAY,
    },
    {
      id: 'bbbbbbbb-0002',
      paperId: 1,
      quote: {
        type: 'TextQuoteSelector',
        exact: 'osteonecrosis of the jaw',
        prefix: 'rates of ',
        suffix: ' were low',
      },
      color: 'yellow',
      url: 'https://doi.org/10.1000/p1',
      createdAt: NOW - 2 * DAY,
      updatedAt: NOW - 2 * DAY,
    },
  ];
  const summaries: CachedSummary[] = [
    {
      paperId: 1,
      sig: 's',
      paperUpdatedAt: papers[0]!.updatedAt,
      summary: summary('Denosumab delays skeletal events more than zoledronic acid.', 2, [
        'bone metastasis',
        'denosumab',
      ]),
    },
    {
      paperId: 2,
      sig: 's',
      paperUpdatedAt: papers[1]!.updatedAt,
      summary: summary('Vitamin D alone does not prevent fractures.', 1, ['vitamin D', 'fracture']),
    },
    {
      paperId: 3,
      sig: 's',
      paperUpdatedAt: papers[2]!.updatedAt,
      summary: summary('One in five adults develops AKI after cardiac surgery.', 3, ['acute kidney injury']),
    },
    { paperId: 4, sig: 's', paperUpdatedAt: papers[3]!.updatedAt, summary: null },
  ];
  return { papers, notes, highlights, summaries };
}

export async function seed(db: TakeawayDB, s: Seed): Promise<void> {
  await db.papers.bulkAdd(s.papers);
  await db.notes.bulkAdd(s.notes);
  await db.highlights.bulkAdd(s.highlights);
  await summaryCacheTable(db).bulkAdd(s.summaries);
}

const WORDS = [
  'renal',
  'fracture',
  'hazard',
  'ratio',
  'elderly',
  'warfarin',
  'statin',
  'sepsis',
  'denosumab',
  'gait',
  'hypocalcaemia',
  'zoledronic',
  'creatinine',
  'teriparatide',
  'anticoagulation',
  'bleeding',
];

/** `n` papers of notes and highlights drawn from a few clinical words, the same for a seed. */
export function generatedPapers(n: number, seed = 11): LibraryPaper[] {
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const text = (k: number) =>
    Array.from({ length: k }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
  const base = smallLibrary();
  const papers = Array.from({ length: n }, (_, i) => ({
    ...base.papers[0]!,
    id: 100 + i,
    title: text(6),
    keys: [`doi:10.1/${i}`],
    doi: `10.1/${i}`,
  }));
  const notes = papers.flatMap((p, i) =>
    Array.from({ length: 1 + (i % 3) }, (_, j) => ({
      ...base.notes[0]!,
      id: `n-${i}-${j}`,
      paperId: p.id,
      body: text(15),
    })),
  );
  const highlights = papers
    .filter((_, i) => i % 4 === 0)
    .map((p, i) => ({
      ...base.highlights[0]!,
      id: `h-${i}`,
      paperId: p.id,
      quote: { ...base.highlights[0]!.quote, exact: text(5) },
    }));
  return buildLibrary({ papers, notes, highlights, summaries: [] }).papers;
}
