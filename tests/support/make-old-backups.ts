/**
 * Writes tests/fixtures/backups/: one backup file for each earlier shape of the backup format,
 * each made by the code of its own commit, so that today's import is tested against what those
 * versions really wrote (tests/unit/extension/backup/old-backups.test.ts).
 *
 * For each commit, its `lib/` is extracted with `git archive` (the working tree and the repository
 * are left as they are) into a temporary folder next to this checkout's node_modules; a seed script
 * there fills a fake-indexeddb database through that commit's own functions (notes, tags, trash,
 * highlights with comments and positions, a summary pack, study cards) and exports it with that
 * commit's createBackup. The clock and the random ids are fixed, so running it again writes the
 * same files.
 *
 *   npx tsx tests/support/make-old-backups.ts
 *
 * BACKUP_VERSION has been 1 since backups began; the shape written under it changed (pack
 * summaries gained their related lists; the code moved to lib/extension/backup). Add a line to
 * VERSIONS whenever BACKUP_VERSION is raised or the written shape changes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

interface OldVersion {
  /** The fixture's file name, without `.json`. */
  name: string;
  commit: string;
  /** Where that commit kept the database, the packs and the backup code, under lib/. */
  db: string;
  packs: string;
  backup: string;
  study: string;
}

export const VERSIONS: OldVersion[] = [
  {
    name: 'v1-2026-11-21-first',
    commit: '2dcce7abbb5c49715a977c4014bdb8ca6b27baa2',
    db: 'db',
    packs: 'packs/store',
    backup: 'db/backup',
    study: 'library/study',
  },
  {
    name: 'v1-2026-11-21-pack-related',
    commit: '3fb5dbe',
    db: 'db',
    packs: 'packs/store',
    backup: 'db/backup',
    study: 'library/study',
  },
  {
    name: 'v1-2026-12-02-backup-modules',
    commit: '86ec0b3',
    db: 'extension/db',
    packs: 'extension/packs/store',
    backup: 'extension/backup/index',
    study: 'extension/library/study',
  },
];

/** The seed run inside an old tree: only that tree's code writes the database and the file. */
function seedScript(v: OldVersion, out: string): string {
  return `
import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { writeFileSync } from 'node:fs';

const g = globalThis as any;
g.browser = fakeBrowser;
g.chrome = fakeBrowser;
let clock = Date.UTC(2026, 10, 21, 9, 0, 0);
Date.now = () => (clock += 1000);
let ids = 0;
const hex = () => (++ids).toString(16).padStart(12, '0');
crypto.randomUUID = () => \`00000000-0000-4000-8000-\${hex()}\` as any;

const { openDatabase } = await import('./lib/${v.db}/index.ts');
const notes = await import('./lib/${v.db}/notes.ts');
const hl = await import('./lib/${v.db}/highlights.ts');
const study = await import('./lib/${v.db}/study.ts');
const { noteCardId } = await import('./lib/${v.study}.ts');
const { importPack } = await import('./lib/${v.packs}.ts');
const { createBackup } = await import('./lib/${v.backup}.ts');

const db = openDatabase('old-backup');
await db.open();
const bmj = {
  pmid: '41800001',
  doi: '10.1136/bmj-2025-081234',
  title: 'Early mobilisation after hip fracture surgery: a randomised trial',
  journal: 'BMJ',
  url: 'https://www.bmj.com/content/391/bmj-2025-081234',
};
const pmc = { pmcid: 'PMC11990001', title: 'Denosumab and bone metastasis: a review', url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC11990001/' };
const gone = { doi: '10.1000/trash.1', title: 'A paper whose only note is in the trash' };
const n1 = '11111111-1111-4111-8111-111111111111';
const n2 = '22222222-2222-4222-8222-222222222222';
const n3 = '33333333-3333-4333-8333-333333333333';
const n4 = '44444444-4444-4444-8444-444444444444';
await notes.saveNote(db, bmj, n1, 'RR 0.65 but the CI crosses 1.\\n\\n**Ask** the ward: «physio» at weekends, 7/7?', ['rct', 'Hip fracture']);
await notes.saveNote(db, bmj, n1, 'RR 0.65 but the CI crosses 1: not powered for mortality.\\n\\n**Ask** the ward: «physio» at weekends, 7/7?', ['rct', 'Hip fracture', 'orthogeriatrics']);
await notes.saveNote(db, bmj, n2, 'A second note on the same paper, from the PMC page.', []);
await notes.saveNote(db, pmc, n3, 'Unicode kept: 💊 β-blockers, naïve café, 中文, emoji 🦴.', ['β', 'oncology']);
await notes.saveNote(db, gone, n4, 'In the trash, and still mine.', ['trash']);
await notes.trashNote(db, n4, true);
await hl.saveHighlight(db, bmj, {
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  quote: { type: 'TextQuoteSelector', exact: 'mobilisation within 24 hours', prefix: 'Early ', suffix: ' reduced delirium' },
  position: { type: 'TextPositionSelector', start: 1204, end: 1232 },
  color: 'green',
  comment: 'The key claim; check the delirium definition.',
}, bmj.url);
await hl.saveHighlight(db, pmc, {
  id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  quote: { type: 'TextQuoteSelector', exact: 'RANKL inhibition', prefix: '', suffix: ' in practice' },
  color: 'pink',
}, pmc.url);
await hl.saveHighlight(db, pmc, {
  id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  quote: { type: 'TextQuoteSelector', exact: 'removed later', prefix: 'a passage ', suffix: '.' },
  color: 'yellow',
}, pmc.url);
await hl.trashHighlight(db, 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', true);
const pack = [
  { doi: '10.5555/club.1', pmid: '41000001', title: 'Statins for primary prevention in adults over 75', study_type: 'randomized controlled trial', key_takeaway: 'No mortality benefit shown over five years.', caveats: ['Open label'], concepts: ['statins', 'older adults'], source: { name: 'Riverside Journal Club' } },
  { doi: '10.5555/club.2', title: 'Deprescribing statins in frailty: a cohort', study_type: 'cohort study', key_takeaway: 'Stopping was not followed by more events.', concepts: ['statins', 'frailty'], source: { name: 'Riverside Journal Club' } },
];
const bytes = new TextEncoder().encode(pack.map((r) => JSON.stringify(r)).join('\\n'));
const r = await importPack(db, { name: 'riverside-club.jsonl', bytes });
if (!r.ok) throw new Error('pack refused: ' + JSON.stringify(r.issues));
await study.answerCard(db, noteCardId(n1), 'good', Date.now());
await study.answerCard(db, noteCardId(n1), 'hard', Date.now() + 86_400_000);
await study.answerCard(db, noteCardId(n3), 'again', Date.now());
writeFileSync(${JSON.stringify(out)}, await createBackup(db, Date.UTC(2026, 10, 30, 12, 0, 0)));
`;
}

function main(): void {
  const root = resolve('.');
  const outDir = join(root, 'tests/fixtures/backups');
  mkdirSync(outDir, { recursive: true });
  for (const v of VERSIONS) {
    const tree = mkdtempSync(join(tmpdir(), `takeaway-old-${v.name}-`));
    try {
      const tar = execFileSync('git', ['archive', '--format=tar', v.commit, 'lib'], { cwd: root });
      execFileSync('tar', ['-x', '-C', tree], { input: tar });
      symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
      // The old tree's own module settings (ES modules, as the repository has always been).
      writeFileSync(join(tree, 'package.json'), JSON.stringify({ type: 'module' }));
      const out = join(outDir, `${v.name}.json`);
      writeFileSync(join(tree, 'seed.ts'), seedScript(v, out));
      execFileSync(join(root, 'node_modules/.bin/tsx'), ['seed.ts'], { cwd: tree, stdio: 'inherit' });
      console.log(`${v.name}: written by ${v.commit}`);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  }
}

main();
