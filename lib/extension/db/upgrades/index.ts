import type { Dexie } from 'dexie';
import { v1 } from './2026-11-21-v1';
import { v2 } from './2026-11-21-v2';
import { v3 } from './2026-11-21-v3';
import { v4 } from './2026-12-01-v4';
import { v5 } from './2026-12-02-v5';

/**
 * Every schema version, oldest first. Dexie applies the upgrades a reader's database has not seen
 * yet, in order, so a database from any earlier release opens with its data intact
 * (tests/unit/db/migration.test.ts writes each old version and opens it with the current one).
 */
export const UPGRADES: readonly ((db: Dexie) => void)[] = [v1, v2, v3, v4, v5];

export const CURRENT_VERSION = UPGRADES.length;

/** Define the schema up to `version` (all of it by default; tests pass an older one). */
export function defineUpgrades(db: Dexie, version = CURRENT_VERSION): void {
  for (const up of UPGRADES.slice(0, version)) up(db);
}
