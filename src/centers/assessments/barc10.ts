/**
 * The Brief Assessment of Recovery Capital (BARC-10): ten statements, each answered on a
 * six-point scale from 1 (strongly disagree) to 6 (strongly agree); the total runs from 10 to
 * 60, higher meaning more recovery capital.
 *
 * Source: Vilsaint, C. L., Kelly, J. F., Bergman, B. G., Groshkova, T., Best, D., & White, W.
 * (2017). Development and validation of a Brief Assessment of Recovery Capital (BARC-10) for
 * alcohol and drug use disorder. Drug and Alcohol Dependence, 177, 71-76.
 * https://doi.org/10.1016/j.drugalcdep.2017.03.022 — the instrument is freely available for use
 * without permission (PhenX Toolkit, protocol 590502).
 */

export const BARC10 = 'barc-10';

/** The statements in the instrument's order (English; a translation keeps the order). */
export const barc10Items = [
  'There are more important things to me in life than using substances.',
  'In general I am happy with my life.',
  'I have enough energy to complete the tasks I set myself.',
  'I am proud of the community I live in and feel part of it.',
  'I get lots of support from friends.',
  'I regard my life as challenging and fulfilling without the need for using drugs or alcohol.',
  'My living space has helped to drive my recovery journey.',
  'I take full responsibility for my actions.',
  'I am happy dealing with a range of professional people.',
  'I am making good progress on my recovery journey.',
] as const;

/** The answer scale, 1 to 6. */
export const barc10Scale = [
  'Strongly disagree',
  'Disagree',
  'Somewhat disagree',
  'Somewhat agree',
  'Agree',
  'Strongly agree',
] as const;

/** True when the answers are ten whole numbers from 1 to 6. */
export function isBarc10Answers(answers: readonly unknown[]): answers is number[] {
  return (
    answers.length === barc10Items.length &&
    answers.every((a) => typeof a === 'number' && Number.isInteger(a) && a >= 1 && a <= 6)
  );
}

/** The total score (10-60). */
export function barc10Total(answers: readonly number[]): number {
  return answers.reduce((sum, a) => sum + a, 0);
}
