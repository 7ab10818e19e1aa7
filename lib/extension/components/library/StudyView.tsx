import { useEffect, useMemo, useState } from 'preact/hooks';
import type { TakeawayDB } from '../../db';
import { answerCard, loadCards } from '../../db/study';
import type { Library } from '../../library/model';
import {
  buildQueue,
  formatInterval,
  GRADES,
  preview,
  studyItems,
  type StudyGrade,
} from '../../library/study';
import { useLiveQuery } from '../use-live-query';

const GRADE_LABEL: Record<StudyGrade, string> = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' };

/**
 * Study mode: one card at a time, the question first; after "Show answer" the reader rates how
 * well they remembered (keys 1–4), and FSRS decides when the card comes back.
 */
export function StudyView({ db, lib, now: fixedNow }: { db: TakeawayDB; lib: Library; now?: number }) {
  const cards = useLiveQuery(() => loadCards(db), [db]);
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const now = fixedNow ?? Date.now();
  const state = useMemo(() => {
    if (!cards) return null;
    return buildQueue(studyItems(lib, cards), cards.values(), now);
    // `now` changes every render; the queue is recomputed when the cards or the library change.
  }, [lib, cards]);
  const current = state?.queue[0];
  const times = useMemo(
    () => (current ? preview(current.card, now) : null),
    [current?.id, current?.card?.updatedAt],
  );

  const rate = async (g: StudyGrade) => {
    if (!current || busy) return;
    setBusy(true);
    try {
      await answerCard(db, current.id, g, fixedNow ?? Date.now());
      setShown(false);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('input, textarea, select')) return;
      if (!shown && (e.key === ' ' || e.key === 'Enter') && current) {
        if (target?.closest('button')) return;
        e.preventDefault();
        setShown(true);
      } else if (shown && ['1', '2', '3', '4'].includes(e.key)) {
        e.preventDefault();
        void rate(GRADES[Number(e.key) - 1] as StudyGrade);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!state) return <p class="tw-muted">Loading…</p>;
  return (
    <section aria-labelledby="tw-study-h" class="tw-study" data-testid="study-view">
      <h2 id="tw-study-h">Study</h2>
      <p class="tw-muted" data-testid="study-counts">
        Due now: {state.dueReviews} to review, {state.learning} learning, {state.newToday} new today (
        {state.newTotal} never studied).
      </p>
      {!current ? (
        <p data-testid="study-done">Nothing is due. Come back later, or write more notes to study.</p>
      ) : (
        <div class="tw-study-card" data-testid="study-card">
          <p class="tw-muted">
            {current.kind === 'note' ? 'Your note' : 'Takeaway'} · {current.title}
          </p>
          <p class="tw-study-prompt" data-testid="study-prompt">
            {current.prompt}
          </p>
          {shown ? (
            <>
              <div class="tw-study-answer" data-testid="study-answer">
                {current.answer}
              </div>
              <div class="tw-study-grades" role="group" aria-label="How well did you remember?">
                {GRADES.map((g, i) => (
                  <button
                    key={g}
                    type="button"
                    class={`tw-button tw-grade-${g}`}
                    disabled={busy}
                    data-testid={`study-${g}`}
                    onClick={() => void rate(g)}
                    aria-keyshortcuts={String(i + 1)}
                  >
                    {GRADE_LABEL[g]}
                    {times ? <span class="tw-grade-when"> · {formatInterval(times[g] - now)}</span> : null}
                  </button>
                ))}
              </div>
            </>
          ) : (
            <button type="button" class="tw-button" onClick={() => setShown(true)} data-testid="study-show">
              Show answer
            </button>
          )}
        </div>
      )}
    </section>
  );
}
