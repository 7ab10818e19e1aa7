/**
 * The complete backup of the reader's data (papers, notes, highlights, summary packs, study cards)
 * as one JSON file with a format version and a checksum, and its import: merge or replace, checked
 * entirely before anything is written and then written in one transaction, so a file that is not
 * a backup, comes from a newer version or is damaged changes nothing.
 */
export * from './format';
export * from './export';
export { parseBackup } from './validate';
export * from './import';
