/** Stored study cards (schema version 3): only cards the reader has rated at least once. */
import type { Table } from 'dexie';
import type { TakeawayDB } from './index';
import type { ReviewCard } from './index';
import { rate, type StudyGrade } from '../library/study';

export function reviewCardsTable(db: TakeawayDB): Table<ReviewCard, string> {
  return db.reviewCards;
}

export async function loadCards(db: TakeawayDB): Promise<Map<string, ReviewCard>> {
  const all = await reviewCardsTable(db).toArray();
  return new Map(all.map((c) => [c.id, c]));
}

/** Record an answer: read the card, schedule it, write it back, in one transaction. */
export async function answerCard(
  db: TakeawayDB,
  id: string,
  grade: StudyGrade,
  now = Date.now(),
): Promise<ReviewCard> {
  const table = reviewCardsTable(db);
  return db.transaction('rw', table, async () => {
    const next = rate(id, await table.get(id), grade, now);
    await table.put(next);
    return next;
  });
}
