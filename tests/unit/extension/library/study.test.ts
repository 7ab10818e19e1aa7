import { describe, expect, it } from 'vitest';
import { State } from 'ts-fsrs';
import { answerCard, loadCards } from '../../../../lib/extension/db/study';
import { buildLibrary } from '../../../../lib/extension/library/model';
import {
  buildQueue,
  formatInterval,
  NEW_PER_DAY,
  preview,
  rate,
  studyItems,
} from '../../../../lib/extension/library/study';
import { DAY, freshDb, NOW, seed, smallLibrary } from './fixtures';

const MIN = 60_000;

describe('study scheduling (FSRS)', () => {
  it('offers a card per note with text and per noted paper with a summary', () => {
    const lib = buildLibrary(smallLibrary());
    const items = studyItems(lib, new Map());
    expect(items.filter((i) => i.kind === 'note')).toHaveLength(4);
    expect(
      items
        .filter((i) => i.kind === 'takeaway')
        .map((i) => i.id)
        .sort(),
    ).toEqual(['takeaway:doi:10.1000/p1', 'takeaway:doi:10.1000/p2', 'takeaway:doi:10.1000/p3']);
    const t = items.find((i) => i.id === 'takeaway:doi:10.1000/p2')!;
    expect(t.answer).toMatch(/^Vitamin D alone does not prevent fractures\. \(Evidence level 1\/5/);
  });

  it('orders the four answers: again soonest, easy latest', () => {
    const p = preview(undefined, NOW);
    expect(p.again).toBeLessThan(p.hard);
    expect(p.hard).toBeLessThan(p.good);
    expect(p.good).toBeLessThan(p.easy);
    expect(p.again - NOW).toBeLessThanOrEqual(10 * MIN);
  });

  it('grows the interval with each successful review and shrinks it after a lapse', () => {
    let card = rate('note:x', undefined, 'good', NOW);
    let now = NOW;
    const intervals: number[] = [];
    for (let i = 0; i < 5; i++) {
      now = card.due;
      card = rate('note:x', card, 'good', now);
      intervals.push(card.due - now);
    }
    expect(card.state).toBe(State.Review);
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]!).toBeGreaterThan(intervals[i - 1]!);
    now = card.due;
    const lapsed = rate('note:x', card, 'again', now);
    expect(lapsed.lapses).toBe(1);
    expect(lapsed.state).toBe(State.Relearning);
    expect(lapsed.due - now).toBeLessThan(DAY);
    expect(lapsed.createdAt).toBe(NOW);
  });

  it('counts due, learning and new cards, and limits new cards per day', async () => {
    const db = freshDb();
    await seed(db, smallLibrary());
    const lib = buildLibrary(smallLibrary());
    let cards = await loadCards(db);
    let q = buildQueue(studyItems(lib, cards), cards.values(), NOW);
    expect(q).toMatchObject({ dueReviews: 0, learning: 0, newToday: 7, newTotal: 7 });

    await answerCard(db, 'note:aaaaaaaa-0001', 'again', NOW);
    await answerCard(db, 'note:aaaaaaaa-0002', 'easy', NOW);
    cards = await loadCards(db);
    q = buildQueue(studyItems(lib, cards), cards.values(), NOW);
    expect(q.newTotal).toBe(5);
    expect(q.newToday).toBe(5);
    // The lapsed card is back ten minutes later, as learning; the easy one days later.
    const later = buildQueue(studyItems(lib, cards), cards.values(), NOW + 15 * MIN);
    expect(later.learning).toBe(1);
    expect(later.queue[0]?.id).toBe('note:aaaaaaaa-0001');
    const days = buildQueue(studyItems(lib, cards), cards.values(), cards.get('note:aaaaaaaa-0002')!.due);
    expect(days.queue.map((i) => i.id)).toContain('note:aaaaaaaa-0002');

    // A reader who already met NEW_PER_DAY new cards today gets no more new ones.
    const many = new Map(cards);
    for (let i = 0; i < NEW_PER_DAY; i++)
      many.set(`note:z${i}`, { ...rate(`note:z${i}`, undefined, 'good', NOW) });
    expect(buildQueue(studyItems(lib, many), many.values(), NOW).newToday).toBe(0);
  });

  it('formats intervals for the buttons', () => {
    expect(formatInterval(MIN)).toBe('1 min');
    expect(formatInterval(3 * 60 * MIN)).toBe('3 h');
    expect(formatInterval(DAY)).toBe('1 day');
    expect(formatInterval(45 * DAY)).toBe('2 months');
  });
});
