/**
 * Page-address helpers. Readers behind a library proxy see rewritten hosts
 * (`www.sciencedirect.com.ezproxy.lib.example.edu`, `www-sciencedirect-com.proxy.example.edu`), so
 * site matching looks for the publisher's domain inside the host, not only at its end.
 */

export interface PageUrl {
  host: string;
  path: string;
  search: URLSearchParams;
  href: string;
}

export function parsePageUrl(url: string | null | undefined): PageUrl | null {
  if (!url || url.length > 8192) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return { host: u.hostname.toLowerCase(), path: u.pathname, search: u.searchParams, href: u.href };
  } catch {
    return null;
  }
}

/** The path of a page address with percent-escapes decoded (kept raw when they are malformed). */
export function decodedPath(url: string): string | null {
  const u = parsePageUrl(url);
  if (!u) return null;
  try {
    return decodeURIComponent(u.path);
  } catch {
    return u.path;
  }
}

/**
 * Whether `host` is `domain`, a subdomain of it, or a proxy rewrite of either. EZproxy's
 * hyphenated form replaces dots by hyphens in the first label.
 */
export function hostIs(host: string, domain: string): boolean {
  if (host === domain || host.endsWith(`.${domain}`)) return true;
  if (host.startsWith(`${domain}.`) || host.includes(`.${domain}.`)) return true;
  const hyphenated = domain.replace(/\./g, '-');
  const first = host.split('.', 1)[0] ?? '';
  return first === hyphenated || first.endsWith(`-${hyphenated}`);
}

export function urlOnHost(url: string, ...domains: readonly string[]): PageUrl | null {
  const u = parsePageUrl(url);
  return u && domains.some((d) => hostIs(u.host, d)) ? u : null;
}

/**
 * The address to identify with: the given one when it is a web address, else the page's own
 * canonical link or og:url (relative canonical links resolve against og:url) (a saved page, `file:`, `about:blank`, or a test without a URL).
 */
export function effectiveUrl(url: string, canonical: string | null, og: string | null): string {
  if (parsePageUrl(url)) return url;
  for (const candidate of [canonical, og]) {
    if (!candidate) continue;
    let abs: string | null = null;
    try {
      abs = new URL(candidate.trim(), og && /^https?:/i.test(og.trim()) ? og.trim() : undefined).href;
    } catch {
      abs = null;
    }
    if (abs && parsePageUrl(abs)) return abs;
  }
  return url;
}
