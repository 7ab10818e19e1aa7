/**
 * Study mode: spaced repetition over the reader's own notes and the takeaways of the papers they
 * noted, scheduled by FSRS (ts-fsrs). A card exists for every note with text and every noted paper
 * with a summary; only cards the reader has rated are stored (lib/extension/db/study.ts), the rest are new.
 */
import { createEmptyCard, fsrs, Rating, State, type Card, type Grade } from 'ts-fsrs';
import type { ReviewCard } from '../db';
import type { Library, LibraryPaper } from './model';
import { paperTitle } from './model';

export type { ReviewCard };

export type StudyGrade = 'again' | 'hard' | 'good' | 'easy';

export const GRADES: readonly StudyGrade[] = ['again', 'hard', 'good', 'easy'];

const GRADE_RATING: Record<StudyGrade, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

/** New cards introduced per day: enough to make progress, few enough that reviews do not pile up. */
export const NEW_PER_DAY = 20;

const scheduler = fsrs({ enable_fuzz: false });

export interface StudyItem {
  id: string;
  kind: 'note' | 'takeaway';
  paperId: number;
  title: string;
  /** Shown first: the question. */
  prompt: string;
  /** Shown after "Show answer". */
  answer: string;
  /** Undefined for a card never rated. */
  card?: ReviewCard;
}

export function noteCardId(noteId: string): string {
  return `note:${noteId}`;
}

export function takeawayCardId(lp: LibraryPaper): string | null {
  const key = lp.paper.keys[0];
  return key ? `takeaway:${key}` : null;
}

/** Every card the library offers, with its stored state when it has one. */
export function studyItems(lib: Library, cards: ReadonlyMap<string, ReviewCard>): StudyItem[] {
  const items: StudyItem[] = [];
  for (const lp of lib.papers) {
    const title = paperTitle(lp.paper);
    const tid = takeawayCardId(lp);
    if (lp.summary && tid)
      items.push({
        id: tid,
        kind: 'takeaway',
        paperId: lp.paper.id,
        title,
        prompt: 'What is the key takeaway of this paper, and how strong is the evidence?',
        answer: `${lp.summary.takeaway} (Evidence level ${lp.summary.level}/5, ${lp.summary.studyType}.)`,
        card: cards.get(tid),
      });
    for (const n of lp.notes) {
      if (!n.body.trim()) continue;
      const id = noteCardId(n.id);
      items.push({
        id,
        kind: 'note',
        paperId: lp.paper.id,
        title,
        prompt: n.tags.length
          ? `What did you note about this paper (${n.tags.join(', ')})?`
          : 'What did you note about this paper?',
        answer: n.body,
        card: cards.get(id),
      });
    }
  }
  return items;
}

function startOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export interface StudyQueue {
  /** Cards to study now: due reviews first (most overdue first), then today's new cards. */
  queue: StudyItem[];
  dueReviews: number;
  learning: number;
  newToday: number;
  newTotal: number;
}

/** What to study now, and the counts shown above the card. */
export function buildQueue(
  items: readonly StudyItem[],
  cards: Iterable<ReviewCard>,
  now: number,
): StudyQueue {
  let introducedToday = 0;
  const today = startOfDay(now);
  for (const c of cards) if (c.createdAt >= today) introducedToday++;
  const due: StudyItem[] = [];
  const fresh: StudyItem[] = [];
  let learning = 0;
  for (const it of items) {
    if (!it.card) fresh.push(it);
    else if (it.card.due <= now) {
      due.push(it);
      if (it.card.state === State.Learning || it.card.state === State.Relearning) learning++;
    }
  }
  due.sort((a, b) => (a.card?.due ?? 0) - (b.card?.due ?? 0));
  const newToday = Math.max(0, Math.min(NEW_PER_DAY - introducedToday, fresh.length));
  return {
    queue: [...due, ...fresh.slice(0, newToday)],
    dueReviews: due.length - learning,
    learning,
    newToday,
    newTotal: fresh.length,
  };
}

function toFsrs(c: ReviewCard | undefined, now: number): Card {
  if (!c) return createEmptyCard(new Date(now));
  return {
    due: new Date(c.due),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    ...(c.last_review !== undefined ? { last_review: new Date(c.last_review) } : {}),
  };
}

function fromFsrs(id: string, card: Card, prev: ReviewCard | undefined, now: number): ReviewCard {
  return {
    id,
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.last_review ? { last_review: card.last_review.getTime() } : {}),
    createdAt: prev?.createdAt ?? now,
    updatedAt: now,
  };
}

/** The card after the reader's answer. */
export function rate(id: string, prev: ReviewCard | undefined, grade: StudyGrade, now: number): ReviewCard {
  const next = scheduler.next(toFsrs(prev, now), new Date(now), GRADE_RATING[grade]);
  return fromFsrs(id, next.card, prev, now);
}

/** When each answer would bring the card back, for the labels of the four buttons. */
export function preview(prev: ReviewCard | undefined, now: number): Record<StudyGrade, number> {
  const out = {} as Record<StudyGrade, number>;
  for (const g of GRADES)
    out[g] = scheduler.next(toFsrs(prev, now), new Date(now), GRADE_RATING[g]).card.due.getTime();
  return out;
}

/** "10 min", "3 days", "2 months": how long until a card comes back. */
export function formatInterval(ms: number): string {
  const min = Math.max(1, Math.round(ms / 60_000));
  if (min < 60) return `${min} min`;
  const h = Math.round(min / 60);
  if (h < 24) return `${h} h`;
  const d = Math.round(h / 24);
  if (d < 31) return `${d} ${d === 1 ? 'day' : 'days'}`;
  const mo = Math.round(d / 30);
  if (mo < 12) return `${mo} ${mo === 1 ? 'month' : 'months'}`;
  const y = Math.round((d / 365) * 10) / 10;
  return `${y} ${y === 1 ? 'year' : 'years'}`;
}
