import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectSummaries, type SourceFile } from '../../../../lib/shared/summaries/collect';
import { formatIssue } from '../../../../lib/shared/summaries/validate';

/** Every issue of a set of files, as the CLI prints them. */
function messages(files: SourceFile[]): string[] {
  return collectSummaries(files).issues.map(formatIssue);
}

function md(path: string, front: string, body = ''): SourceFile {
  return { path, text: `---\n${front.trim()}\n---\n${body}` };
}

const OK = `study_type: cohort study\nkey_takeaway: Fine.`;

describe('summary validation: every error names file, line and field', () => {
  it('accepts a complete Markdown summary, derives the level and normalises identifiers', () => {
    const r = collectSummaries([
      md(
        'a.md',
        `doi: https://doi.org/10.5555/ABC.1\npmid: 123\npmcid: "456"\ntitle: A title of enough words\nstudy_type: RCT\nkey_takeaway: It works.`,
      ),
    ]);
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.summaries[0]).toMatchObject({
      doi: '10.5555/ABC.1',
      pmid: '123',
      pmcid: 'PMC456',
      study_type: 'randomized controlled trial',
      evidence_level: 2,
      level_derived: true,
    });
    expect(r.keys[0]).toEqual([
      'doi:10.5555/abc.1',
      'pmid:123',
      'pmcid:PMC456',
      'title:a title of enough words',
    ]);
  });

  it('reports a summary with no identifier at all', () => {
    expect(
      messages([
        {
          path: 'bulk.jsonl',
          text: `{"doi":"10.5555/x"${',"study_type":"other","key_takeaway":"k"'}}\n{"study_type":"other","key_takeaway":"k"}`,
        },
      ]),
    ).toEqual(['bulk.jsonl:2: error: needs at least one of doi, pmid, pmcid or title']);
  });

  it('reports a title too short to be the only key', () => {
    expect(messages([md('t.md', `title: Short title\n${OK}`)])).toEqual([
      't.md:2: error [title]: a title of fewer than four words is too ambiguous to find the paper by: add a doi, pmid or pmcid',
    ]);
  });

  it.each([
    ['doi: 10.12/abc', 't.md:2: error [doi]: "10.12/abc" is not a DOI (expected 10.NNNN/suffix)'],
    [
      'doi: "10.5555 /spaced"',
      't.md:2: error [doi]: "10.5555 /spaced" is not a DOI (expected 10.NNNN/suffix)',
    ],
    ['pmid: 12a45', 't.md:2: error [pmid]: "12a45" is not a PubMed id (digits only)'],
    ['pmid: "0123"', 't.md:2: error [pmid]: "0123" is not a PubMed id (digits only)'],
    ['pmcid: PMCX1', 't.md:2: error [pmcid]: "PMCX1" is not a PMC id (PMC followed by digits)'],
  ])('reports a malformed identifier: %s', (line, expected) => {
    expect(messages([md('t.md', `${line}\n${OK}`)])).toEqual([expected]);
  });

  it('reports duplicate keys across files, with both places', () => {
    const r = collectSummaries([
      md('a.md', `title: One paper of four words\ndoi: 10.5555/Dup\n${OK}`),
      { path: 'b.jsonl', text: `\n{"doi":"10.5555/dup","study_type":"other","key_takeaway":"k"}` },
    ]);
    expect(r.issues.map(formatIssue)).toEqual([
      'b.jsonl:2: error [doi]: duplicate doi:10.5555/dup: already summarised at a.md:3',
    ]);
    expect(r.ok).toBe(false);
  });

  it('reports a PMID filed twice under different DOIs', () => {
    expect(
      messages([
        { path: 'x.jsonl', text: '{"doi":"10.5555/a","pmid":"77","study_type":"other","key_takeaway":"k"}' },
        md('y.md', `doi: 10.5555/b\npmid: "77"\n${OK}`),
      ]),
    ).toEqual(['y.md:3: error [pmid]: duplicate pmid:77: already summarised at x.jsonl:1']);
  });

  it('warns when different papers share a title, and stops keying either on it', () => {
    const r = collectSummaries([
      md('a.md', `doi: 10.5555/a\ntitle: 'Hypertension in pregnancy: a review'\n${OK}`),
      md('b.md', `doi: 10.5555/b\ntitle: Hypertension in Pregnancy — a review\n${OK}`),
    ]);
    expect(r.issues.map(formatIssue)).toEqual([
      'b.md:3: warning [title]: same title as a.md:3, a paper with other identifiers: the title will not be used to find either',
    ]);
    expect(r.ok).toBe(true);
    expect(r.keys).toEqual([['doi:10.5555/a'], ['doi:10.5555/b']]);
  });

  it('rejects a shared title when one summary has nothing else to be found by', () => {
    expect(
      messages([
        md('a.md', `doi: 10.5555/a\ntitle: 'Hypertension in pregnancy: a review'\n${OK}`),
        md('b.md', `title: 'Hypertension in pregnancy: a review'\n${OK}`),
      ]),
    ).toEqual([
      'b.md:2: error [title]: duplicate title:hypertension in pregnancy a review: already summarised at a.md:3',
    ]);
  });

  it('reports an unknown study type and a missing one', () => {
    expect(
      messages([
        md('a.md', `doi: 10.5555/a\nstudy_type: opinion piece\nkey_takeaway: k`),
        md('b.md', `doi: 10.5555/b\nkey_takeaway: k`),
      ]),
    ).toEqual([
      'a.md:3: error [study_type]: unknown study type "opinion piece"',
      'b.md:1: error [study_type]: study_type is required',
    ]);
  });

  it.each([
    ['key_takeaway: ""', 't.md:4: error [key_takeaway]: key_takeaway is required and must not be empty'],
    ['key_takeaway: "   "', 't.md:4: error [key_takeaway]: key_takeaway is required and must not be empty'],
    ['journal: x', 't.md:1: error [key_takeaway]: key_takeaway is required and must not be empty'],
  ])('reports an empty takeaway (%s)', (line, expected) => {
    expect(messages([md('t.md', `doi: 10.5555/a\nstudy_type: other\n${line}`)])).toEqual([expected]);
  });

  it.each([
    [
      'source:\n  url: http://example.org/x',
      'source',
      'source.url "http://example.org/x" is not an https: link',
    ],
    [
      'source:\n  url: "javascript:alert(1)"',
      'source',
      'source.url "javascript:alert(1)" is not an https: link',
    ],
  ])('reports an unsafe source link', (line, field, message) => {
    expect(messages([md('t.md', `doi: 10.5555/a\n${OK}\n${line}`)])).toEqual([
      `t.md:5: error [${field}]: ${message}`,
    ]);
  });

  it.each([
    ['See [the trial](javascript:alert(1)).', 'javascript:alert(1'],
    ['Data at <data:text/html,hi> and more.', 'data:text/html,hi'],
    ['Read http://insecure.example.org/paper first.', 'http://insecure.example.org/paper'],
    ['[x](vbscript:msgbox)', 'vbscript:msgbox'],
  ])('reports an unsafe link written in the text: %s', (text, url) => {
    expect(messages([md('t.md', `doi: 10.5555/a\n${OK}`, text)])).toEqual([
      `t.md:1: error [body]: unsafe link "${url}": only https: links may be shown to readers`,
    ]);
  });

  it('lets https links and words like "data:" through', () => {
    expect(
      messages([
        md(
          't.md',
          `doi: 10.5555/a\n${OK}\npractice_relevance: "No outcome data: see [the protocol](https://example.org/p)."`,
        ),
      ]),
    ).toEqual([]);
  });

  it('reports "narrative review" text under a "systematic review, level 1" label as a contradiction', () => {
    const text = readFileSync('tests/fixtures/summaries/broken/mislabelled.md', 'utf8');
    expect(messages([{ path: 'mislabelled.md', text }])).toEqual([
      'mislabelled.md:4: error [study_type]: labelled "systematic review, level 1" but the text says "This narrative review": use "narrative review" (level 5) or correct the text',
    ]);
  });

  it.each([
    [
      'study_type: systematic review\ncaveats:\n  - No systematic literature search was done.',
      'error',
      'labelled "systematic review, level 1" but the text says "No systematic literature search": use "narrative review" (level 5) or correct the text',
    ],
    [
      'study_type: meta-analysis\ncaveats:\n  - Studies were too different, so no pooled estimate.',
      'error',
      'labelled "meta-analysis, level 1" but the text says "no pooled": a review that pools nothing is a "systematic review", not a "meta-analysis"',
    ],
    [
      'study_type: randomized controlled trial\ncaveats:\n  - A retrospective analysis of registry data.',
      'warning',
      'labelled "randomized controlled trial, level 2" but the text says "retrospective": check the study type: the text describes a non-randomised design',
    ],
    [
      'study_type: narrative review\ncaveats:\n  - This systematic review searched five databases.',
      'warning',
      'labelled "narrative review, level 5" but the text says "This systematic review": check the study type: the text describes a systematic method',
    ],
  ])('flags a contradiction between label and text (%#)', (front, severity, message) => {
    expect(messages([md('t.md', `doi: 10.5555/a\nkey_takeaway: k\n${front}`)])).toEqual([
      `t.md:4: ${severity} [study_type]: ${message}`,
    ]);
  });

  it('does not call a systematic review\'s "narrative synthesis" a contradiction', () => {
    expect(
      messages([
        md(
          't.md',
          `doi: 10.5555/a\nstudy_type: systematic review\nkey_takeaway: Results were combined by narrative synthesis; unlike earlier narrative reviews, the search was systematic.`,
        ),
      ]),
    ).toEqual([]);
  });

  it('rejects a level much stronger than the study type allows, and warns on a near miss', () => {
    expect(
      messages([md('a.md', `doi: 10.5555/a\nstudy_type: case report\nevidence_level: 1\nkey_takeaway: k`)]),
    ).toEqual([
      'a.md:4: error [evidence_level]: level 1 claims much stronger evidence than a case report (level 4) provides',
    ]);
    expect(
      messages([md('a.md', `doi: 10.5555/a\nstudy_type: cohort study\nevidence_level: 2\nkey_takeaway: k`)]),
    ).toEqual([
      'a.md:4: warning [evidence_level]: level 2 for a cohort study (usually level 3): check it is intended',
    ]);
    expect(
      messages([md('a.md', `doi: 10.5555/a\nstudy_type: cohort study\nevidence_level: 7\nkey_takeaway: k`)]),
    ).toEqual(['a.md:4: error [evidence_level]: evidence_level must be 1 to 5, got "7"']);
  });

  it('checks dates, lists and concepts', () => {
    expect(
      messages([
        md(
          'a.md',
          `doi: 10.5555/a\n${OK}\npublished: 2024-13\ncaveats: {a: 1}\nconcepts:\n  - statins\n  - Statins\n  - name: x\n    mesh: nope\n  - 42`,
        ),
      ]),
    ).toEqual([
      'a.md:5: error [published]: "2024-13" is not YYYY, YYYY-MM or YYYY-MM-DD',
      'a.md:6: error [caveats]: caveats must be a list of short sentences',
      'a.md:7: warning [concepts]: concept "Statins" is listed twice; the repeat is ignored',
      'a.md:7: warning [concepts]: "nope" does not look like a MeSH id (e.g. D001859)',
      'a.md:7: error [concepts]: each concept is a name or {name, mesh}',
    ]);
    const many = Array.from({ length: 31 }, (_, i) => `  - topic ${i}`).join('\n');
    expect(messages([md('a.md', `doi: 10.5555/a\n${OK}\nconcepts:\n${many}`)])).toEqual([
      'a.md:5: error [concepts]: 31 concepts; at most 30 (list the topics that matter)',
    ]);
  });

  it('warns about unknown fields rather than dropping them silently', () => {
    expect(messages([md('a.md', `doi: 10.5555/a\n${OK}\nsummary_author: me`)])).toEqual([
      'a.md:5: warning [summary_author]: unknown field "summary_author" is ignored',
    ]);
  });
});

describe('malformed files give clear errors', () => {
  it('reports a Markdown file without front matter', () => {
    expect(messages([{ path: 'n.md', text: '# Just a heading\n' }])).toEqual([
      'n.md:1: error: missing YAML front matter (a block between "---" lines)',
    ]);
  });

  it('reports YAML syntax errors at their line in the file', () => {
    const [m] = messages([
      { path: 'y.md', text: '---\ndoi: 10.5555/a\ntitle: [unclosed\nstudy_type: other\n---\n' },
    ]);
    expect(m).toMatch(/^y\.md:[34]: error: YAML: Flow sequence/);
  });

  it('reports a field given twice', () => {
    const [m] = messages([md('y.md', `doi: 10.5555/a\ndoi: 10.5555/b\n${OK}`)]);
    expect(m).toMatch(/^y\.md:3: error: YAML: .*unique/i);
  });

  it('reports front matter that is not a mapping', () => {
    expect(messages([{ path: 'l.md', text: '---\n- a\n- b\n---\n' }])).toEqual([
      'l.md:2: error: front matter must be a mapping of fields',
    ]);
  });

  it('reports bad JSON Lines by line, and keeps checking the rest', () => {
    const text = readFileSync('tests/fixtures/summaries/broken/bulk.jsonl', 'utf8');
    const got = messages([{ path: 'bulk.jsonl', text }]);
    expect(got).toContain('bulk.jsonl:2: error [pmid]: "12a45" is not a PubMed id (digits only)');
    expect(got).toContain('bulk.jsonl:3: error [study_type]: unknown study type "opinion piece"');
    expect(got).toContain(
      'bulk.jsonl:4: error [key_takeaway]: key_takeaway is required and must not be empty',
    );
    expect(got).toContain(
      'bulk.jsonl:5: error [source]: source.url "javascript:alert(1)" is not an https: link',
    );
    expect(got).toContain('bulk.jsonl:6: error: needs at least one of doi, pmid, pmcid or title');
    expect(got.find((m) => m.startsWith('bulk.jsonl:7:'))).toMatch(/^bulk\.jsonl:7: error: not valid JSON: /);
    expect(messages([{ path: 'arr.jsonl', text: '[1,2]' }])).toEqual([
      'arr.jsonl:1: error: each line must be one JSON object',
    ]);
  });

  it('refuses files of another kind', () => {
    expect(messages([{ path: 'notes.txt', text: 'hello' }])).toEqual([
      'notes.txt:1: error: not a summary file: use .md (YAML front matter) or .jsonl (one summary per line)',
    ]);
  });
});

describe('the fixture folders and the bundled summaries', () => {
  const read = (dir: string): SourceFile[] =>
    readdirSync(dir)
      .sort()
      .map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));

  it('the bundled summaries validate without errors', () => {
    const r = collectSummaries(read('summaries'));
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.summaries).toHaveLength(2);
  });

  it('the broken fixture folder reports every problem and ships nothing', () => {
    const r = collectSummaries(read('tests/fixtures/summaries/broken'));
    expect(r.ok).toBe(false);
    const got = r.issues.map(formatIssue);
    expect(got).toContain(
      'tests/fixtures/summaries/broken/good.md:2: error [doi]: duplicate doi:10.5555/tw.broken.1: already summarised at tests/fixtures/summaries/broken/bulk.jsonl:1',
    );
    expect(got).toContain(
      'tests/fixtures/summaries/broken/bad-doi.md:2: error [doi]: "10.12/too-short-registrant" is not a DOI (expected 10.NNNN/suffix)',
    );
    expect(got.filter((m) => m.includes(': error'))).toHaveLength(9);
  });
});
