import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { siteSettingOfSender } from '../../../../lib/extension/background/site-setting';
import { validators } from '../../../../lib/extension/background/request-checks';
import { dispatch, type Handlers } from '../../../../lib/extension/background/router';
import { updateSiteSetting } from '../../../../lib/shared/settings';

const OWN = 'own-extension-id';
const from = (url?: string) =>
  ({ id: OWN, ...(url ? { url } : {}), tab: { id: 1 } }) as Browser.runtime.MessageSender;

beforeEach(async () => {
  fakeBrowser.reset();
  await updateSiteSetting('pubmed.ncbi.nlm.nih.gov', { disabled: true });
  await updateSiteSetting('www.nejm.org', { collapsed: true });
});

describe('a content script asking the background for its site setting at the page start', () => {
  it("answers the sending frame's own site, as the content script would read it", async () => {
    expect(await siteSettingOfSender(from('https://pubmed.ncbi.nlm.nih.gov/42393435/'))).toEqual({
      disabled: true,
    });
    expect(await siteSettingOfSender(from('https://www.nejm.org/doi/full/10.1056/x'))).toEqual({
      collapsed: true,
    });
    expect(await siteSettingOfSender(from('https://www.thelancet.com/'))).toEqual({});
    // A change is seen by the next request (storage is read each time, nothing kept in memory).
    await updateSiteSetting('www.thelancet.com', { disabled: true });
    expect(await siteSettingOfSender(from('https://www.thelancet.com/'))).toEqual({ disabled: true });
  });

  it('gives the defaults to a sender without a usable address', async () => {
    expect(await siteSettingOfSender(from())).toEqual({});
    expect(await siteSettingOfSender(from('not a url'))).toEqual({});
  });

  it('cannot be asked for another site: the request carries nothing', async () => {
    expect(validators.siteSetting({})).toBe(true);
    expect(validators.siteSetting({ host: 'www.nejm.org' })).toBe(false);
    expect(validators.siteSetting(null)).toBe(false);
    const handlers = {
      siteSetting: (_req, sender) => siteSettingOfSender(sender),
    } as Partial<Handlers> as Handlers;
    const res = await dispatch(
      handlers,
      { type: 'siteSetting', data: { host: 'www.nejm.org' } },
      from('https://pubmed.ncbi.nlm.nih.gov/1/'),
      OWN,
    );
    expect(res).toEqual({ ok: false, error: expect.stringMatching(/.+/) as unknown as string });
    expect(
      await dispatch(
        handlers,
        { type: 'siteSetting', data: {} },
        from('https://pubmed.ncbi.nlm.nih.gov/1/'),
        OWN,
      ),
    ).toEqual({ ok: true, value: { disabled: true } });
  });
});
