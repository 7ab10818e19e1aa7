import type { PaperIds } from '../identify/types';
import type { SummaryHit } from '../summaries/schema';

export type Lookup = (ids: PaperIds) => Promise<SummaryHit | null>;

/**
 * The bundled index first, then the reader's packs. The bundled edition wins any conflict: a pack
 * adds summaries, it never silently replaces what the edition says. If the bundled index cannot be
 * read, packs still answer; the failure surfaces only when they have nothing either.
 */
export class CombinedIndex {
  constructor(
    private readonly bundled: { lookup: Lookup },
    private readonly packs: Lookup,
  ) {}

  async lookup(ids: PaperIds): Promise<SummaryHit | null> {
    let failure: unknown = null;
    try {
      const hit = await this.bundled.lookup(ids);
      if (hit) return hit;
    } catch (e) {
      failure = e;
    }
    const hit = await this.packs(ids);
    if (hit) return hit;
    if (failure !== null) throw failure;
    return null;
  }
}
