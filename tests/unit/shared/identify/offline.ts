/**
 * Keeps happy-dom from fetching what fixture pages reference (stylesheets, iframes of ad servers):
 * unit tests never touch the network. Call before parsing fixtures with DOMParser.
 */
interface HappyDomSettings {
  disableJavaScriptFileLoading: boolean;
  disableCSSFileLoading: boolean;
  handleDisabledFileLoadingAsSuccess: boolean;
  navigation?: { disableChildFrameNavigation: boolean; disableChildPageNavigation: boolean };
  fetch?: { interceptor: unknown };
}

export function stayOffline(): void {
  const settings = (globalThis as { happyDOM?: { settings?: HappyDomSettings } }).happyDOM?.settings;
  if (!settings) return;
  settings.disableJavaScriptFileLoading = true;
  settings.disableCSSFileLoading = true;
  settings.handleDisabledFileLoadingAsSuccess = true;
  if (settings.navigation) {
    // Iframes (ad slots in fixtures) get their URL set but never load, silently.
    settings.navigation.disableChildFrameNavigation = true;
    settings.navigation.disableChildPageNavigation = true;
  }
  if (settings.fetch) {
    // Anything that still tries to fetch gets an empty local answer.
    settings.fetch.interceptor = {
      beforeAsyncRequest: async () => new Response('', { status: 204 }),
      beforeSyncRequest: () => ({
        status: 204,
        statusText: 'No Content',
        ok: true,
        url: '',
        redirected: false,
        headers: new Headers(),
        body: Buffer.from(''),
      }),
    };
  }
}
