import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromeExtDir } from '../support/browser';
import { firefoxExtDir, skipFirefoxE2E } from '../support/firefox-harness';
import { skipE2E } from '../support/harness';

/**
 * Least privilege, checked on the manifests the build actually wrote (the e2e global setup built
 * them with the same wxt.config.ts as the store packages). Everything below is the approved
 * surface: a change that grants more (a permission, a host, a web-accessible page on more sites, a
 * looser CSP, a new capability key) fails with its name, and is only accepted by editing this file
 * and the README's "Permissions" section together.
 */

/** The content script's sites, and the only sites that may load the note frame. */
const ARTICLE_SITES = [
  'https://*.acpjournals.org/*',
  'https://*.ahajournals.org/*',
  'https://*.annualreviews.org/*',
  'https://*.arxiv.org/*',
  'https://*.ashpublications.org/*',
  'https://*.atsjournals.org/*',
  'https://*.biomedcentral.com/*',
  'https://*.biorxiv.org/*',
  'https://*.bmj.com/*',
  'https://*.cell.com/*',
  'https://*.cmaj.ca/*',
  'https://*.cochranelibrary.com/*',
  'https://*.cureus.com/*',
  'https://*.diabetesjournals.org/*',
  'https://*.doi.org/*',
  'https://*.dovepress.com/*',
  'https://*.europepmc.org/*',
  'https://*.frontiersin.org/*',
  'https://*.jamanetwork.com/*',
  'https://*.jci.org/*',
  'https://*.jmir.org/*',
  'https://*.karger.com/*',
  'https://*.mdpi.com/*',
  'https://*.medrxiv.org/*',
  'https://*.nature.com/*',
  'https://*.nejm.org/*',
  'https://*.plos.org/*',
  'https://*.plosbiology.org/*',
  'https://*.ploscompbiol.org/*',
  'https://*.plosgenetics.org/*',
  'https://*.plosmedicine.org/*',
  'https://*.plosntds.org/*',
  'https://*.plosone.org/*',
  'https://*.plospathogens.org/*',
  'https://*.pnas.org/*',
  'https://*.science.org/*',
  'https://*.sciencedirect.com/*',
  'https://*.springerlink.com/*',
  'https://*.springeropen.com/*',
  'https://*.tandfonline.com/*',
  'https://*.thelancet.com/*',
  'https://*.thieme-connect.com/*',
  'https://*.thieme-connect.de/*',
  'https://academic.oup.com/*',
  'https://ieeexplore.ieee.org/*',
  'https://journals.lww.com/*',
  'https://journals.sagepub.com/*',
  'https://link.springer.com/*',
  'https://onlinelibrary.wiley.com/*',
  'https://pmc.ncbi.nlm.nih.gov/*',
  'https://pubmed.ncbi.nlm.nih.gov/*',
  'https://pubs.acs.org/*',
  'https://www.ncbi.nlm.nih.gov/*',
];

const PERMISSIONS = ['activeTab', 'scripting', 'storage'];
/** Any other https site, only when the reader grants it from the popup. */
const OPTIONAL_HOSTS = ['https://*/*'];
/** Pages a web page may load from the extension: the note editor, and the panel's stylesheet. */
/** Only the note frame: the panel's CSS is bundled into the content script. */
const WEB_ACCESSIBLE = ['note-frame.html'];

/**
 * Sites that may frame the note editor: any https site, because the reader may enable Takeaway on
 * any site from the popup, and the panel there needs its note. Safe only because Chrome serves the
 * frame at a per-session dynamic address (checked below) and Firefox at a per-install UUID.
 */
const NOTE_FRAME_SITES = ['https://*/*'];
/** Both browsers start the content script with the page (the panel at first paint). */
const CONTENT_SCRIPT = { js: ['content-scripts/article.js'] };
const RUN_AT = { chrome: 'document_start', firefox: 'document_start' } as const;

const CHROME_CSP = "script-src 'self'; object-src 'none';";
/** Firefox MV2 also applies frame-ancestors to the note frame: extension pages and https sites. */
const FIREFOX_CSP = "script-src 'self'; object-src 'none'; frame-ancestors 'self' https:;";

/** Top-level keys that grant nothing; any key not here or checked below is a new capability. */
const PLAIN_KEYS = [
  'manifest_version',
  'name',
  'short_name',
  'description',
  'version',
  'version_name',
  'author',
  'homepage_url',
  'icons',
  'default_locale',
  'minimum_chrome_version',
  'commands',
  'background',
  'action',
  'browser_action',
  'options_ui',
];
const CHECKED_KEYS = [
  'permissions',
  'optional_permissions',
  'host_permissions',
  'optional_host_permissions',
  'content_scripts',
  'web_accessible_resources',
  'content_security_policy',
  'browser_specific_settings',
];

type Json = Record<string, unknown>;

function readManifest(dir: string): Json {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Json;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Entries of `actual` that the approved list does not have. */
function added(actual: unknown, approved: string[]): string[] {
  return strings(actual).filter((x) => !approved.includes(x));
}

/** CSP as directive → sources. */
function parseCsp(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/**
 * Ways `actual` allows more than `approved`: a directive dropped (falls back to no restriction) or
 * a source added to one. Adding a directive only restricts, so it is not reported.
 */
function cspWidening(actual: unknown, approved: string): string[] {
  if (typeof actual !== 'string') return [`CSP is ${JSON.stringify(actual)}, not a policy string`];
  const a = parseCsp(actual);
  const out: string[] = [];
  for (const [name, sources] of parseCsp(approved)) {
    const got = a.get(name);
    if (!got) out.push(`directive ${name} removed`);
    else for (const s of got) if (!sources.includes(s)) out.push(`${name} allows ${s}`);
  }
  return out;
}

/** Fails naming every widening at once, in the message itself so that it is never truncated. */
function expectNone(widenings: string[], what: string): void {
  expect(widenings, `${what} widened: ${widenings.join('; ')}`).toHaveLength(0);
}

function unknownKeys(m: Json): string[] {
  return Object.keys(m).filter((k) => !PLAIN_KEYS.includes(k) && !CHECKED_KEYS.includes(k));
}

/** Everything the content scripts widen: more sites, all frames, the page's own JS world, more files. */
function contentScriptWidening(v: unknown, runAt: string): string[] {
  const out: string[] = [];
  const scripts = Array.isArray(v) ? (v as Json[]) : [];
  if (scripts.length !== 1) out.push(`${scripts.length} content script entries, approved: 1`);
  for (const cs of scripts) {
    for (const site of added(cs.matches, ARTICLE_SITES)) out.push(`runs on ${site}`);
    for (const f of added(cs.js, CONTENT_SCRIPT.js)) out.push(`injects ${f}`);
    for (const f of strings(cs.css)) out.push(`injects the stylesheet ${f} into the page`);
    if (cs.run_at !== runAt) out.push(`run_at ${String(cs.run_at)}`);
    for (const k of ['all_frames', 'match_about_blank', 'match_origin_as_fallback']) {
      if (cs[k]) out.push(`${k} is set`);
    }
    if (cs.world === 'MAIN') out.push("runs in the page's own JavaScript world");
  }
  return out;
}

describe.skipIf(skipE2E)('the Chrome manifest grants no more than approved', () => {
  let m: Json;
  beforeAll(() => {
    m = readManifest(chromeExtDir());
  });

  it('asks for storage, activeTab and scripting, and no host until the reader grants one', () => {
    expectNone(
      [
        ...added(m.permissions, PERMISSIONS).map((p) => `permission ${p}`),
        ...strings(m.host_permissions).map((h) => `install-time host ${h}`),
        ...strings(m.optional_permissions).map((p) => `optional permission ${p}`),
        ...added(m.optional_host_permissions, OPTIONAL_HOSTS).map((h) => `optional host ${h}`),
        ...unknownKeys(m).map((k) => `manifest key ${k}`),
      ],
      'permissions',
    );
    // Narrowing is welcome, but then this snapshot and the README must follow.
    expect(strings(m.permissions).sort()).toEqual(PERMISSIONS);
    expect(m.optional_host_permissions).toEqual(OPTIONAL_HOSTS);
  });

  it('runs the content script on the article sites only', () => {
    expectNone(contentScriptWidening(m.content_scripts, RUN_AT.chrome), 'content script');
    expect(strings((m.content_scripts as Json[])[0]?.matches).sort()).toEqual(ARTICLE_SITES);
  });

  it('lets https pages frame only the note editor, at a per-session address (use_dynamic_url)', () => {
    const war = Array.isArray(m.web_accessible_resources) ? (m.web_accessible_resources as Json[]) : [];
    const problems: string[] = [];
    for (const entry of war) {
      const res = strings(entry.resources).join(', ');
      for (const r of added(entry.resources, WEB_ACCESSIBLE)) problems.push(`${r} is web-accessible`);
      for (const site of added(entry.matches, NOTE_FRAME_SITES))
        problems.push(`${res} is loadable from ${site}`);
      if (entry.extension_ids !== undefined) problems.push(`${res} is loadable by other extensions`);
      if (entry.use_dynamic_url !== true) problems.push(`${res} has a fixed, fingerprintable address`);
    }
    expectNone(problems, 'web-accessible resources');
    expect(war.flatMap((e) => strings(e.resources)).sort()).toEqual(WEB_ACCESSIBLE);
  });

  it('keeps the extension pages to its own scripts, with no sandbox pages', () => {
    const csp = (m.content_security_policy ?? {}) as Json;
    expectNone(
      [
        ...Object.keys(csp)
          .filter((k) => k !== 'extension_pages')
          .map((k) => `CSP section ${k}`),
        ...cspWidening(csp.extension_pages, CHROME_CSP),
      ],
      'CSP',
    );
  });
});

/**
 * Every file a built document or script loads, following the bundler's static imports: what
 * actually runs there, whatever the sources say.
 */
function loadedFiles(dir: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(dir, file), 'utf8');
    const refs = file.endsWith('.html')
      ? [...text.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1] as string)
      : [...text.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)].map((m) =>
          join(dirname(file), m[1] as string),
        );
    for (const r of refs) visit(r);
  };
  visit(entry);
  return [...seen];
}

/** A string every build of Dexie carries (one of its error names). */
const DEXIE_MARK = 'DatabaseClosedError';

describe.skipIf(skipE2E)('the reader’s database is opened only in extension documents (built code)', () => {
  const dir = () => chromeExtDir();
  const hasDexie = (files: string[]) =>
    files.filter((f) => readFileSync(join(dir(), f), 'utf8').includes(DEXIE_MARK));

  it('the content script carries no database code: in a web page, IndexedDB is the journal’s', () => {
    const files = loadedFiles(dir(), 'content-scripts/article.js');
    expect(hasDexie(files)).toEqual([]);
  });

  it('the note frame carries none either: it reaches the notes through the background', () => {
    const files = loadedFiles(dir(), 'note-frame.html');
    expect(files.length).toBeGreaterThan(1);
    expect(hasDexie(files)).toEqual([]);
  });

  it('while the library page and the background do (so the check above can fail)', () => {
    expect(hasDexie(loadedFiles(dir(), 'review.html')).length).toBeGreaterThan(0);
    expect(hasDexie(loadedFiles(dir(), 'background.js'))).toEqual(['background.js']);
  });
});

describe.skipIf(skipFirefoxE2E)('the Firefox manifest grants no more than approved', () => {
  let m: Json;
  beforeAll(() => {
    m = readManifest(firefoxExtDir());
  });

  it('asks for storage, activeTab and scripting; any https site stays optional', () => {
    // In Manifest V2 host permissions are listed under `permissions`: a host here is a widening.
    expectNone(
      [
        ...added(m.permissions, PERMISSIONS).map((p) => `permission ${p}`),
        ...added(m.optional_permissions, OPTIONAL_HOSTS).map((p) => `optional permission ${p}`),
        ...unknownKeys(m).map((k) => `manifest key ${k}`),
      ],
      'permissions',
    );
    expect(strings(m.permissions).sort()).toEqual(PERMISSIONS);
    expect(m.optional_permissions).toEqual(OPTIONAL_HOSTS);
  });

  it('runs the content script on the article sites only', () => {
    expectNone(contentScriptWidening(m.content_scripts, RUN_AT.firefox), 'content script');
    expect(strings((m.content_scripts as Json[])[0]?.matches).sort()).toEqual(ARTICLE_SITES);
  });

  it('makes only the note frame web-accessible', () => {
    // MV2 has no per-site list nor use_dynamic_url; Firefox gives each installation its own random
    // moz-extension:// UUID, so a site cannot probe for the add-on at a fixed address.
    expectNone(
      added(m.web_accessible_resources, WEB_ACCESSIBLE).map((r) => `${r} is web-accessible`),
      'web-accessible resources',
    );
    expect(strings(m.web_accessible_resources).sort()).toEqual(WEB_ACCESSIBLE);
  });

  it('keeps its pages to its own scripts, framed only by itself and https sites', () => {
    expectNone(cspWidening(m.content_security_policy, FIREFOX_CSP), 'CSP');
  });

  it('declares its add-on id and that it collects no data', () => {
    const gecko = ((m.browser_specific_settings ?? {}) as Json).gecko as Json | undefined;
    expect(Object.keys(m.browser_specific_settings as Json)).toEqual(['gecko']);
    expect(gecko?.id).toBe('takeaway@takeaway.invalid');
    expect(gecko?.data_collection_permissions).toEqual({ required: ['none'] });
  });
});
