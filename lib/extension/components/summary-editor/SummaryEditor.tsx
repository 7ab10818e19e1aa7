/**
 * The summary editor (summary-editor.html): a structured, validated evidence summary of one paper,
 * written beside it. An extension page in its own tab, so the site's scripts never see a draft.
 * Prefilled from what the page knew (identifiers, title, journal, date, study type, concepts); the
 * glance's conclusion and caveats are offered as starting points that the writer takes, then
 * rewrites or confirms. Checked live by the build's own validator, field by field; only a summary
 * the validator accepts, and that holds nothing unconfirmed, is saved. Drafts autosave.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Pack, SummaryDraft, TakeawayDB } from '../../db';
import {
  parseEditorParams,
  prefillForm,
  type StudyTypeFrom,
  type SummaryPrefill,
} from '../../../shared/editor-params';
import {
  checkForm,
  formFields,
  summaryForm,
  type FormField,
  type SummaryForm,
} from '../../../shared/summaries/form';
import {
  DEFAULT_LEVEL,
  LEVEL_MEANING,
  normaliseStudyType,
  STUDY_TYPES,
} from '../../../shared/summaries/schema';
import type { Issue } from '../../../shared/summaries/validate';
import {
  deleteDraft,
  draftKey,
  findOwnSummary,
  loadDraft,
  ownPack,
  saveDraft,
  saveOwnSummary,
} from '../../summaries/own';
import { TagInput } from '../TagInput';
import { useAutosave, type SaveStatus } from '../use-autosave';

export function todayISO(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/** The summary field whose issues an input shows. */
function summaryFieldOf(f: FormField): string {
  return f.startsWith('source_') ? 'source' : f;
}

interface Loaded {
  key: string;
  prefill: SummaryPrefill;
  form: SummaryForm;
  unconfirmed: FormField[];
  tags: string[];
  studyTypeFrom: StudyTypeFrom | null;
  /** The reader's saved summary of this paper being edited. */
  existingId?: number;
  pack?: Pack;
  fromDraft: boolean;
}

async function load(db: TakeawayDB, hash: string, today: string): Promise<Loaded | null> {
  const prefill = parseEditorParams(hash);
  const key = draftKey(prefill);
  if (!key) return null;
  const [draft, own, pack] = await Promise.all([
    loadDraft(db, key),
    findOwnSummary(db, prefill),
    ownPack(db),
  ]);
  const fresh = prefillForm(prefill, today);
  const base = { key, pack, studyTypeFrom: fresh.studyTypeFrom, existingId: own?.id };
  if (draft)
    return {
      ...base,
      // The page's latest reading, or the one the draft was started from.
      prefill: prefill.conclusion || prefill.caveats ? prefill : draft.prefill,
      form: draft.form,
      unconfirmed: draft.unconfirmed,
      tags: draft.tags,
      fromDraft: true,
    };
  if (own)
    return {
      ...base,
      prefill,
      form: summaryForm(own.summary),
      unconfirmed: [],
      tags: own.own?.tags ?? [],
      fromDraft: false,
    };
  return { ...base, prefill, form: fresh.form, unconfirmed: [], tags: [], fromDraft: false };
}

function statusText(s: SaveStatus): string {
  switch (s.kind) {
    case 'idle':
      return '';
    case 'saving':
      return 'Saving draft…';
    case 'saved':
      return `Draft kept in this browser, ${new Date(s.at).toLocaleTimeString()}`;
    case 'error':
      return `Draft not saved yet (${s.message}); retrying.`;
  }
}

function Issues({ id, issues }: { id: string; issues: Issue[] | undefined }) {
  if (!issues?.length) return <ul id={id} class="tw-issues" hidden />;
  return (
    <ul id={id} class="tw-issues" data-testid={`${id}`}>
      {issues.map((i, n) => (
        <li key={n} class={`tw-issue tw-issue-${i.severity}`} data-severity={i.severity}>
          <strong>{i.severity === 'error' ? 'Error' : 'Warning'}:</strong> {i.message}
        </li>
      ))}
    </ul>
  );
}

export function SummaryEditor({
  db,
  hash,
  today = todayISO(),
}: {
  db: TakeawayDB;
  hash: string;
  today?: string;
}) {
  const [loaded, setLoaded] = useState<Loaded | null | undefined>(undefined);
  const [form, setForm] = useState<SummaryForm | null>(null);
  const [unconfirmed, setUnconfirmed] = useState<FormField[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [author, setAuthor] = useState('');
  const [saved, setSaved] = useState<{ at: number; id: number } | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [existingId, setExistingId] = useState<number | undefined>(undefined);
  const version = useRef(0);
  const savedVersion = useRef(-1);

  useEffect(() => {
    let live = true;
    load(db, hash, today).then(
      (l) => {
        if (!live) return;
        setLoaded(l);
        if (l) {
          setForm(l.form);
          setUnconfirmed(l.unconfirmed);
          setTags(l.tags);
          setExistingId(l.existingId);
        }
      },
      (e: unknown) => {
        console.error('Takeaway: summary editor could not load', e);
        if (live) setLoaded(null);
      },
    );
    return () => {
      live = false;
    };
  }, [db, hash]);

  const { status, push } = useAutosave<{ v: number; draft: SummaryDraft }>(
    async ({ v, draft }) => {
      // A write queued before the summary was saved must not bring its draft back.
      if (v <= savedVersion.current) return;
      await saveDraft(db, draft);
    },
    [db],
  );

  const check = useMemo(() => (form ? checkForm(form) : null), [form]);

  if (loaded === undefined) return <p class="tw-muted">Loading…</p>;
  if (loaded === null || !form || !check)
    return (
      <main class="tw-page tw-summary-editor">
        <h1 class="tw-page-title">Write a summary</h1>
        <p data-testid="summary-no-paper">
          No paper was named. Open a paper and use “Write a summary” in the Takeaway panel, or a paper of your
          library.
        </p>
      </main>
    );

  const keep = (next: SummaryForm, nextUnconfirmed: FormField[], nextTags = tags) => {
    setForm(next);
    setUnconfirmed(nextUnconfirmed);
    setSaved(null);
    setRefused(null);
    version.current++;
    push({
      v: version.current,
      draft: {
        key: loaded.key,
        prefill: loaded.prefill,
        form: next,
        unconfirmed: nextUnconfirmed,
        tags: nextTags,
        updatedAt: Date.now(),
      },
    });
  };
  const edit = (f: FormField, value: string) =>
    keep(
      { ...form, [f]: value },
      // Editing text taken from the abstract makes it the writer's own.
      unconfirmed.filter((u) => u !== f),
    );
  const confirm = (f: FormField) =>
    keep(
      form,
      unconfirmed.filter((u) => u !== f),
    );
  const take = (f: 'key_takeaway' | 'caveats', text: string) =>
    keep({ ...form, [f]: text }, [...unconfirmed.filter((u) => u !== f), f]);

  const save = async () => {
    if (check.errors > 0) {
      setRefused(
        `Not saved: ${check.errors} error${check.errors === 1 ? '' : 's'} to fix, marked beside the fields.`,
      );
      document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    if (unconfirmed.length > 0) {
      setRefused('Not saved: confirm or rewrite the text taken from the abstract first.');
      return;
    }
    const v = version.current;
    const r = await saveOwnSummary(db, formFields(form), {
      tags,
      ...(author.trim() ? { author } : {}),
      ...(existingId !== undefined ? { replaceId: existingId } : {}),
    });
    if (!r.ok) {
      setRefused(`Not saved: ${r.issues.map((i) => i.message).join('; ')}`);
      return;
    }
    savedVersion.current = v;
    await deleteDraft(db, loaded.key);
    setExistingId(r.id);
    setSaved({ at: Date.now(), id: r.id });
  };

  const ids = (f: FormField) => ({
    id: `f-${f}`,
    'aria-describedby': `issues-${summaryFieldOf(f)} hint-${f}`,
    'aria-invalid': check.byField[summaryFieldOf(f)]?.some((i) => i.severity === 'error') || undefined,
  });
  const text = (f: FormField, label: string, hint?: string) => (
    <div class="tw-field">
      <label for={`f-${f}`}>{label}</label>
      <input
        type="text"
        {...ids(f)}
        value={form[f]}
        data-testid={`summary-field-${f}`}
        onInput={(e) => edit(f, (e.currentTarget as HTMLInputElement).value)}
      />
      <p id={`hint-${f}`} class="tw-muted tw-hint">
        {hint ?? ''}
      </p>
      <Issues id={`issues-${f}`} issues={check.byField[f]} />
    </div>
  );
  const area = (f: FormField, label: string, hint: string, rows = 3) => (
    <div class="tw-field">
      <label for={`f-${f}`}>{label}</label>
      <textarea
        {...ids(f)}
        rows={rows}
        value={form[f]}
        data-testid={`summary-field-${f}`}
        onInput={(e) => edit(f, (e.currentTarget as HTMLTextAreaElement).value)}
      />
      <p id={`hint-${f}`} class="tw-muted tw-hint">
        {hint}
      </p>
      {unconfirmed.includes(f) && (
        <p class="tw-unconfirmed" data-testid={`summary-unconfirmed-${f}`}>
          Taken from the abstract, not yet yours: rewrite it, or confirm that it is what you conclude.{' '}
          <button
            type="button"
            class="tw-button"
            data-testid={`summary-confirm-${f}`}
            onClick={() => confirm(f)}
          >
            Confirm
          </button>
        </p>
      )}
      <Issues id={`issues-${f}`} issues={check.byField[f]} />
    </div>
  );

  const p = loaded.prefill;
  const type = normaliseStudyType(form.study_type);
  const paperUrl = p.url && /^https:\/\//i.test(p.url) ? p.url : null;

  return (
    <main class="tw-page tw-summary-editor">
      <h1 class="tw-page-title">{existingId !== undefined ? 'Edit your summary' : 'Write a summary'}</h1>
      <p class="tw-muted">
        {form.title || p.title || 'Untitled paper'}
        {paperUrl && (
          <>
            {' '}
            (
            <a href={paperUrl} target="_blank" rel="noopener noreferrer">
              the paper
            </a>
            )
          </>
        )}
        . Your draft and your summary stay in this browser until you export them.
      </p>
      {loaded.fromDraft && (
        <p class="tw-muted" data-testid="summary-draft-restored">
          Your unsaved draft of this summary, as you left it.
        </p>
      )}
      <form
        class="tw-summary-form"
        aria-label="Summary"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend>The paper</legend>
          <Issues id="issues-general" issues={check.general} />
          {text('doi', 'DOI', 'e.g. 10.1056/NEJMoa2599001')}
          {text('pmid', 'PubMed id (PMID)')}
          {text('pmcid', 'PMC id (PMCID)')}
          {text('title', 'Title')}
          {text('journal', 'Journal')}
          {text('published', 'Published', 'YYYY, YYYY-MM or YYYY-MM-DD')}
        </fieldset>
        <fieldset>
          <legend>The evidence</legend>
          <div class="tw-field">
            <label for="f-study_type">Study type</label>
            <input
              type="text"
              list="tw-study-types"
              {...ids('study_type')}
              value={form.study_type}
              data-testid="summary-field-study_type"
              onInput={(e) => edit('study_type', (e.currentTarget as HTMLInputElement).value)}
            />
            <datalist id="tw-study-types">
              {STUDY_TYPES.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
            <p id="hint-study_type" class="tw-muted tw-hint" data-testid="summary-study-type-from">
              {loaded.studyTypeFrom && form.study_type === (p.pageStudyType ?? p.glanceStudyType)
                ? loaded.studyTypeFrom.from === 'publication type'
                  ? `From the page’s publication type (${loaded.studyTypeFrom.words}): check it against the methods.`
                  : `From the abstract (automatic reading${loaded.studyTypeFrom.words ? `: “${loaded.studyTypeFrom.words}”` : ''}): check it.`
                : 'One of the controlled list (common names such as “RCT” are accepted).'}
            </p>
            <Issues id="issues-study_type" issues={check.byField.study_type} />
          </div>
          <div class="tw-field">
            <label for="f-evidence_level">Evidence level</label>
            <select
              {...ids('evidence_level')}
              value={form.evidence_level}
              data-testid="summary-field-evidence_level"
              onChange={(e) => edit('evidence_level', (e.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">
                {type ? `From the study type (level ${DEFAULT_LEVEL[type]})` : 'From the study type'}
              </option>
              {([1, 2, 3, 4, 5] as const).map((l) => (
                <option key={l} value={String(l)}>
                  {LEVEL_MEANING[l]}
                </option>
              ))}
            </select>
            <p id="hint-evidence_level" class="tw-muted tw-hint">
              Oxford CEBM style, 1 strongest.
            </p>
            <Issues id="issues-evidence_level" issues={check.byField.evidence_level} />
          </div>
          {area(
            'key_takeaway',
            'Key takeaway',
            'One or two sentences a clinician can act on, or be warned by.',
            3,
          )}
          {p.conclusion && (
            <div class="tw-offer" data-testid="summary-offer-conclusion">
              <p>
                <strong>The abstract’s conclusion</strong> (an automatic reading, not checked):
              </p>
              <blockquote>{p.conclusion}</blockquote>
              <button
                type="button"
                class="tw-button"
                data-testid="summary-use-conclusion"
                onClick={() => take('key_takeaway', p.conclusion ?? '')}
              >
                Use as a starting point
              </button>
            </div>
          )}
          {area('caveats', 'Caveats', 'One short sentence per line.', 4)}
          {p.caveats && p.caveats.length > 0 && (
            <div class="tw-offer" data-testid="summary-offer-caveats">
              <p>
                <strong>Caveats the automatic reading found</strong> (each with the words it rests on):
              </p>
              <ul>
                {p.caveats.map((c, i) => (
                  <li key={i}>
                    {c.text}
                    {c.evidence ? <span class="tw-muted"> (“{c.evidence}”)</span> : null}
                  </li>
                ))}
              </ul>
              <button
                type="button"
                class="tw-button"
                data-testid="summary-use-caveats"
                onClick={() =>
                  take(
                    'caveats',
                    [form.caveats.trim(), ...(p.caveats ?? []).map((c) => c.text)].filter(Boolean).join('\n'),
                  )
                }
              >
                Use as a starting point
              </button>
            </div>
          )}
          {area(
            'key_findings',
            'Key findings',
            'One short sentence per line, with the numbers that matter.',
            4,
          )}
          {area('practice_relevance', 'Practice relevance', 'One short paragraph.', 3)}
          {area(
            'concepts',
            'Concepts',
            'One topic per line; a MeSH id may follow in brackets: heart failure [D006333].',
            4,
          )}
        </fieldset>
        <fieldset data-testid="summary-field-source" aria-describedby="issues-source">
          <legend>Source: who wrote it and how it was checked</legend>
          {text('source_name', 'Name (you, your journal club…)')}
          {text('source_url', 'Link (https only)')}
          {text('source_review', 'How it was written and checked')}
          <Issues id="issues-source" issues={check.byField.source} />
        </fieldset>
        <fieldset>
          <legend>Dates, tags and the longer summary</legend>
          {text('updated', 'Checked on', 'The date you last checked the summary against the paper.')}
          {area('body', 'Longer summary (Markdown)', 'Optional.', 6)}
          <div class="tw-field">
            <span class="tw-label-text" id="tags-label">
              Tags (yours, for filtering and export; not part of the summary)
            </span>
            <div aria-labelledby="tags-label" role="group">
              <TagInput
                tags={tags}
                suggestions={[]}
                onChange={(t) => {
                  setTags(t);
                  keep(form, unconfirmed, t);
                }}
              />
            </div>
          </div>
          {!loaded.pack && (
            <div class="tw-field">
              <label for="f-author">Your name, shown as the author of your summaries (optional)</label>
              <input
                id="f-author"
                type="text"
                value={author}
                data-testid="summary-author"
                onInput={(e) => setAuthor((e.currentTarget as HTMLInputElement).value)}
              />
              <p class="tw-muted tw-hint">Asked once; you can change it in the library.</p>
            </div>
          )}
        </fieldset>
        <p class="tw-row">
          <button type="submit" class="tw-button tw-primary" data-testid="summary-save">
            Save summary
          </button>{' '}
          <span class="tw-muted" data-testid="summary-check">
            {check.errors === 0 && check.warnings === 0
              ? 'The build’s checks pass.'
              : `${check.errors} error${check.errors === 1 ? '' : 's'}, ${check.warnings} warning${check.warnings === 1 ? '' : 's'}.`}
          </span>{' '}
          <span class="tw-muted" role="status" data-testid="summary-draft-status">
            {statusText(status)}
          </span>
        </p>
        {refused && (
          <p class="tw-warning-inline" role="alert" data-testid="summary-refused">
            {refused}
          </p>
        )}
        {saved && (
          <p role="status" data-testid="summary-saved">
            Saved in Your summaries. It shows in the Takeaway panel on this paper’s pages.
          </p>
        )}
      </form>
    </main>
  );
}
