import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { welcomeOnInstall } from '../../../../lib/extension/background/welcome';

const welcomeTabs = async () =>
  (await fakeBrowser.tabs.query({})).filter((t) => /\/welcome\.html$/.test(t.url ?? ''));

describe('the welcome page', () => {
  it('opens once, on installation', async () => {
    expect(await welcomeOnInstall({ reason: 'install' } as never)).toBe(true);
    expect(await welcomeTabs()).toHaveLength(1);
  });

  it.each(['update', 'browser_update', 'chrome_update', 'shared_module_update'])(
    'never on %s',
    async (reason) => {
      expect(await welcomeOnInstall({ reason, previousVersion: '0.1.0' } as never)).toBe(false);
      expect(await welcomeTabs()).toEqual([]);
    },
  );
});

describe('the welcome page, installed again in the same profile', () => {
  it('does not open a second time', async () => {
    expect(await welcomeOnInstall({ reason: 'install' } as never)).toBe(true);
    expect(await welcomeOnInstall({ reason: 'install' } as never)).toBe(false);
    expect(await welcomeTabs()).toHaveLength(1);
  });
});
