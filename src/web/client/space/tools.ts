/**
 * The self-help tools: worksheets in our own words (not copied from any handbook), each a list
 * of questions answered in free text. A filled worksheet is one record of the space's store.
 */

/** How a question is answered: a line, a paragraph, a moment, or a 0-10 number. */
export type AnswerKind = 'line' | 'text' | 'moment' | 'scale';

export interface Tool {
  id: 'balance' | 'plan' | 'urge' | 'values' | 'thought';
  questions: { id: string; kind: AnswerKind }[];
}

/** Questions answered the same way, in the order given. */
const asked = (kind: AnswerKind, ...ids: string[]) => ids.map((id) => ({ id, kind }));

/** The tools, in the order the page offers them. */
export const TOOLS: readonly Tool[] = [
  { id: 'balance', questions: asked('text', 'usingGood', 'usingBad', 'changeGood', 'changeBad') },
  {
    id: 'plan',
    questions: [
      ...asked('line', 'change'),
      ...asked('text', 'why', 'steps', 'people', 'obstacles', 'signs'),
    ],
  },
  {
    id: 'urge',
    questions: [
      ...asked('moment', 'when'),
      ...asked('text', 'situation'),
      ...asked('scale', 'strength'),
      ...asked('text', 'response', 'outcome'),
    ],
  },
  { id: 'values', questions: asked('text', 'list', 'using', 'steps') },
  {
    id: 'thought',
    questions: asked('text', 'event', 'belief', 'consequence', 'dispute', 'effect'),
  },
];

/** One filled worksheet. */
export interface Worksheet {
  id: string;
  tool: Tool['id'];
  /** When it was first saved (ISO 8601). */
  at: string;
  answers: Record<string, string>;
}

/** The longest answer kept (a long page of text); more is cut, never refused. */
export const MAX_ANSWER = 4000;

/** The tool of an id, or undefined for an unknown one (a record from a later version). */
export function toolOf(id: string): Tool | undefined {
  return TOOLS.find((tool) => tool.id === id);
}

/**
 * The answers worth keeping: the tool's own questions only, trimmed and cut to length, empty
 * ones left out; undefined when nothing was written.
 */
export function cleanAnswers(
  tool: Tool,
  answers: Record<string, string>,
): Record<string, string> | undefined {
  const kept: Record<string, string> = {};
  for (const { id } of tool.questions) {
    const text = (answers[id] ?? '').trim().slice(0, MAX_ANSWER);
    if (text !== '') kept[id] = text;
  }
  return Object.keys(kept).length === 0 ? undefined : kept;
}
