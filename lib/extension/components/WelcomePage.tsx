import { browser } from 'wxt/browser';

/** A paper of the bundled edition, to see a reviewed summary at once. */
export const EXAMPLE_PAPER = 'https://pubmed.ncbi.nlm.nih.gov/42393435/';

const SHORTCUTS: [string, string][] = [
  ['Alt+Shift+T', 'show or hide the panel'],
  ['Alt+Shift+N', 'jump to your note on the paper'],
  ['Alt+Shift+H', 'highlight the selected words'],
  ['Alt+Shift+M', 'highlight them and write a comment'],
];

/** Opened once, when Takeaway is installed: what it does, what it never does, where to start. */
export function WelcomePage() {
  return (
    <main class="tw-page tw-welcome" data-testid="welcome">
      <h1 class="tw-page-title">Takeaway is ready</h1>
      <p>
        Open a paper on PubMed, PMC or a journal’s site and Takeaway shows, beside it, the paper’s key
        takeaway and how far to trust it (study type, evidence level, caveats) where a reviewed summary
        exists. Where none does, it reads the page’s own abstract for you, and says so: the design, the
        sample, the authors’ conclusion in their words, and what to read with care. Next to it is your private
        note, and you can highlight the text.
      </p>
      <section aria-labelledby="tw-privacy-h">
        <h2 id="tw-privacy-h">What Takeaway never does</h2>
        <ul data-testid="welcome-privacy">
          <li>
            It never sends what you read, write or highlight anywhere: there is no account, no server, no
            analytics.
          </li>
          <li>
            It works offline: the summaries are inside the extension, and your notes live in this browser.
          </li>
          <li>The journal’s page cannot read your note: the editor is the extension’s own frame.</li>
        </ul>
      </section>
      <section aria-labelledby="tw-keys-h">
        <h2 id="tw-keys-h">Shortcuts</h2>
        <dl class="tw-shortcuts" data-testid="welcome-shortcuts">
          {SHORTCUTS.map(([k, what]) => (
            <div key={k}>
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <p class="tw-muted">You can change the first two in your browser’s extension shortcut settings.</p>
      </section>
      <section aria-labelledby="tw-start-h">
        <h2 id="tw-start-h">Start here</h2>
        <ul>
          <li>
            <a href={EXAMPLE_PAPER} data-testid="welcome-example">
              An example paper with a reviewed summary
            </a>
          </li>
          <li>
            <a href={browser.runtime.getURL('/review.html')} data-testid="welcome-library">
              Your notes library
            </a>{' '}
            (also from the toolbar button)
          </li>
        </ul>
      </section>
    </main>
  );
}
