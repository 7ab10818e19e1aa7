/** Said under a note the store merged with another tab's edit, until the reader acknowledges it. */
export function MergedNotice({
  class: cls,
  testid,
  onOk,
}: {
  class: string;
  testid: string;
  onOk: () => void;
}) {
  return (
    <p class={cls} data-testid={testid} role="status">
      This note was also changed in another tab or window at the same time. Both versions are kept above,
      paragraph by paragraph: check the text.{' '}
      <button type="button" class="tw-link-button" onClick={onOk}>
        OK
      </button>
    </p>
  );
}
