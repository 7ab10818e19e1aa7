// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildFixtures, FIXTURE_DIR } from '../../../build/make-pdf-fixtures';
import { extractPdfFacts, pagesToRead } from '../../../lib/extension/pdf/extract';
import { identifyPdf } from '../../../lib/shared/identify/pdf';

const fixtures = buildFixtures();
const STANDARD_FONTS = resolve('node_modules/pdfjs-dist/standard_fonts') + '/';

/** Opens a file as the detect CLI does, collecting what pdf.js warns about (repairs included). */
async function open(bytes: Uint8Array): Promise<{ doc: PDFDocumentProxy; warnings: string[] }> {
  const warnings: string[] = [];
  const capture = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  vi.spyOn(console, 'log').mockImplementation(capture);
  vi.spyOn(console, 'warn').mockImplementation(capture);
  const doc = await getDocument({
    data: bytes,
    isEvalSupported: false,
    standardFontDataUrl: STANDARD_FONTS,
    // Errors and warnings (pdf.js logs "Indexing all PDF objects" when it repairs a bad xref).
    verbosity: 1,
  }).promise;
  return { doc, warnings };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the generated PDF fixtures', () => {
  it('are committed as the script writes them, byte for byte', () => {
    const committed = readdirSync(FIXTURE_DIR)
      .filter((f) => f.endsWith('.pdf'))
      .sort();
    expect(committed).toEqual(fixtures.map((f) => f.expect.file).sort());
    for (const f of fixtures) {
      expect(
        Buffer.compare(readFileSync(join(FIXTURE_DIR, f.expect.file)), f.bytes),
        `${f.expect.file} differs from what build/make-pdf-fixtures.ts writes: run npm run fixtures:pdf`,
      ).toBe(0);
    }
  });

  it('are deterministic: two runs give the same bytes', () => {
    const again = buildFixtures();
    fixtures.forEach((f, i) => expect(Buffer.compare(f.bytes, again[i]!.bytes)).toBe(0));
  });

  it('are explained by a README that says how they are made', () => {
    expect(readFileSync(join(FIXTURE_DIR, 'README.md'), 'utf8')).toContain('npm run fixtures:pdf');
  });

  it('include the ones the viewer and identification tests need', () => {
    const names = fixtures.map((f) => f.expect.file);
    for (const name of [
      'with-xmp.pdf',
      'info-only.pdf',
      'text-only.pdf',
      'no-doi.pdf',
      'pmid-text.pdf',
      'references-only.pdf',
      'long.pdf',
    ]) {
      expect(names).toContain(name);
    }
    expect(fixtures.find((f) => f.expect.file === 'long.pdf')!.expect.pages).toBeGreaterThanOrEqual(10);
  });

  it.each(fixtures.map((f) => [f.expect.file, f] as const))(
    '%s opens in pdf.js without repair and is identified right',
    async (_file, f) => {
      const { doc, warnings } = await open(new Uint8Array(f.bytes));
      try {
        expect(doc.numPages).toBe(f.expect.pages);
        const facts = await extractPdfFacts(doc);
        expect(facts.pages.map((p) => p.page)).toEqual(pagesToRead(f.expect.pages));
        const { paper, fingerprint } = identifyPdf(facts);
        expect(warnings).toEqual([]);
        expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
        expect(fingerprint).toBe(doc.fingerprints[0]);
        expect({
          doi: paper?.doi?.display ?? null,
          doiVia: paper?.doi?.via ?? null,
          pmid: paper?.pmid?.value ?? null,
          pmcid: paper?.pmcid?.value ?? null,
          title: paper?.title?.display ?? null,
          titleVia: paper?.title?.via ?? null,
        }).toEqual({
          doi: f.expect.doi,
          doiVia: f.expect.doiVia,
          pmid: f.expect.pmid,
          pmcid: f.expect.pmcid,
          title: f.expect.title,
          titleVia: f.expect.titleVia,
        });
        // The abstract is on page 1, in reading order: the left column before the right one.
        const text = facts.pages[0]!.items.map((i) => i.str).join(' ');
        expect(text).toMatch(/Background[\s\S]*Methods[\s\S]*Results[\s\S]*Conclusions/);
      } finally {
        await doc.destroy();
      }
    },
  );

  it('each have their own fingerprint, the same on every run', async () => {
    const prints = new Set<string | null>();
    for (const f of fixtures) {
      const { doc } = await open(new Uint8Array(f.bytes));
      prints.add(doc.fingerprints[0] ?? null);
      await doc.destroy();
    }
    expect(prints.size).toBe(fixtures.length);
  });
});

describe('npm run detect on the PDF fixtures', () => {
  it('prints the same JSON line as for a page, with the signal and the fingerprint', () => {
    const files = fixtures.map((f) => join(FIXTURE_DIR, f.expect.file));
    const run = spawnSync('npx', ['tsx', 'build/detect-cli.ts', ...files], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => Object.keys(l))).toEqual(
      files.map(() => ['file', 'doi', 'pmid', 'pmcid', 'title', 'via', 'fingerprint']),
    );
    fixtures.forEach((f, i) => {
      expect(lines[i]).toMatchObject({
        file: files[i],
        doi: f.expect.doi,
        pmid: f.expect.pmid,
        pmcid: f.expect.pmcid,
        title: f.expect.title,
        via: f.expect.doiVia ?? (f.expect.pmid ? 'pdf-text' : null),
      });
      expect(lines[i]!.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    });
  }, 60_000);
});
