import type { Dispatch } from '../../main/handlers';
import { articleText } from '../../main/library';
import type { HighlightColor } from '../../common/colors';
import { STORY } from './story';

/** A highlight over `quote` in the story, made through the bridge as the reader's popover would. Returns its id. */
export async function highlightVia(
  dispatch: Dispatch,
  libraryDir: string,
  quote: string,
  { note = '', tags = [], color = 'blue' }: { note?: string; tags?: string[]; color?: HighlightColor } = {},
): Promise<string> {
  const text = await articleText(libraryDir, STORY.id);
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the story`);
  const end = start + quote.length;
  const answer = await dispatch('annotations:create', {
    articleId: STORY.id,
    target: {
      quote: { type: 'TextQuoteSelector', exact: quote, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
      position: { type: 'TextPositionSelector', start, end },
    },
    color,
    note,
    tags,
  });
  if (!answer.ok) throw new Error(answer.error.message);
  return (answer.value as { id: string }).id;
}

/** The five colors over phrases of the story (one with a note each for yellow and pink), for specs that need all five. */
export const FIVE_HIGHLIGHTS: readonly [string, HighlightColor, string][] = [
  ['discussed bilateral security cooperation', 'yellow', 'The headline claim.'],
  ['Sergey Naryshkin', 'green', ''],
  ['to confront increasing espionage activities', 'blue', ''],
  ['complete agreement on pending issues', 'pink', 'Vague on purpose?'],
  ['during the two meetings', 'purple', ''],
];
