import { LEVEL_MEANING, type EvidenceLevel, type StudyType } from '../summaries/schema';

const STRENGTH: Record<EvidenceLevel, string> = {
  1: 'strong',
  2: 'good',
  3: 'moderate',
  4: 'limited',
  5: 'weak',
};

export function studyTypeLabel(t: StudyType): string {
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/**
 * Study type and evidence level, always as text (colour only repeats it), with the meaning of the
 * scale on hover or focus.
 */
export function EvidenceBadge(props: { studyType: StudyType; level: EvidenceLevel; testid?: string }) {
  const { studyType, level } = props;
  const explain = `Oxford CEBM-style levels, 1 strongest to 5 weakest. ${LEVEL_MEANING[level]}.`;
  return (
    <p class={`tw-evidence tw-level-${level}`} data-testid={props.testid} title={explain}>
      <span class="tw-evidence-type">{studyTypeLabel(studyType)}</span>
      <span
        class="tw-evidence-level"
        tabIndex={0}
        aria-label={`Evidence level ${level} of 5, ${STRENGTH[level]}. ${explain}`}
      >
        Level {level}/5 · {STRENGTH[level]}
      </span>
    </p>
  );
}
