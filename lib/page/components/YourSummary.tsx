/** The panel's parts for the reader's own summaries: write one, and see it when the edition wins. */

export function WriteButton({ mine, onWrite }: { mine: boolean; onWrite: () => void }) {
  return (
    <p class="tw-write">
      <button
        type="button"
        class="tw-text-button"
        data-testid="takeaway-write-summary"
        onClick={onWrite}
        title="Opens the summary editor in a new tab; your draft stays in this browser"
      >
        {mine ? 'Edit your summary' : 'Write a summary'}
      </button>
    </p>
  );
}

/** The bundled edition answered, and the reader has written a summary of the same paper too. */
export function YoursToggle({ showing, onToggle }: { showing: boolean; onToggle: () => void }) {
  return (
    <p class="tw-yours" data-testid="takeaway-yours">
      {showing ? 'Showing your own summary. ' : 'You have written a summary of this paper too. '}
      <button
        type="button"
        class="tw-text-button"
        aria-pressed={showing}
        data-testid="takeaway-yours-toggle"
        onClick={onToggle}
      >
        {showing ? 'Show the edition’s summary' : 'Show yours'}
      </button>
    </p>
  );
}
