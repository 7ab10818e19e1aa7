import { useState } from 'preact/hooks';

export interface TagInputProps {
  tags: string[];
  /** Tags already used on any note, offered as the reader types. */
  suggestions: string[];
  disabled?: boolean;
  onChange: (tags: string[]) => void;
}

/**
 * Tags of a note: each shown with a remove button, and a field that completes from the tags
 * already used (a native datalist, so the browser's own accessible completion is used).
 * Enter or a comma adds the tag; Backspace in the empty field removes the last one.
 */
export function TagInput({ tags, suggestions, disabled, onChange }: TagInputProps) {
  const [draft, setDraft] = useState('');
  const listId = 'tw-tag-suggestions';
  const lower = new Set(tags.map((t) => t.toLowerCase()));
  const offered = suggestions.filter((s) => !lower.has(s.toLowerCase())).slice(0, 50);

  const add = (raw: string) => {
    const parts = raw
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    if (parts.length) onChange([...tags, ...parts]);
    setDraft('');
  };

  return (
    <div class="tw-tags" data-testid="takeaway-tags">
      <ul class="tw-tag-list" aria-label="Tags">
        {tags.map((t) => (
          <li key={t} class="tw-tag" data-testid="takeaway-tag">
            {t}
            <button
              type="button"
              class="tw-tag-remove"
              aria-label={`Remove tag ${t}`}
              disabled={disabled}
              onClick={() => onChange(tags.filter((x) => x !== t))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <label class="tw-sr-only" for="tw-tag-input">
        Add a tag
      </label>
      <input
        id="tw-tag-input"
        class="tw-tag-input"
        data-testid="takeaway-tag-input"
        list={listId}
        placeholder={tags.length ? 'Add tag' : 'Add tags (e.g. rct, cardiology)'}
        autocomplete="off"
        disabled={disabled}
        value={draft}
        onInput={(e) => {
          const v = e.currentTarget.value;
          if (v.includes(',')) add(v);
          else setDraft(v);
        }}
        onChange={(e) => {
          // Picking a suggestion from the list fires change without a key press.
          const v = e.currentTarget.value;
          if (offered.includes(v)) add(v);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add(draft);
          } else if (e.key === 'Backspace' && draft === '' && tags.length) {
            onChange(tags.slice(0, -1));
          }
        }}
        onBlur={() => draft.trim() && add(draft)}
      />
      <datalist id={listId}>
        {offered.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </div>
  );
}
