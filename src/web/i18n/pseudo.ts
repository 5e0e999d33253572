/**
 * The pseudo-locale's messages (decision 0144): the English compiled with its text mapped, so
 * placeholders, plural keywords and `#` are left alone; every letter accented, every vowel
 * doubled (English grows about a third, as it does in French or Portuguese), each message in
 * brackets. A page in the pseudo-locale that shows plain English shows a string no catalogue
 * carries; a control that has lost its closing bracket clips a longer language.
 */
import { compileMessageOrThrow, type CompiledMessage } from '@lingui/message-utils/compileMessage';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, i) => [
    letter,
    [...'áƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i] ?? letter,
  ]),
);

/** A text in the pseudo-locale's letters, a third longer (no brackets). */
export function pseudoText(text: string): string {
  let out = '';
  for (const char of text) {
    const accented = ACCENTED[char] ?? char;
    out += /[aeiouAEIOU]/.test(char) ? accented + accented : accented;
  }
  return out;
}

/** An English ICU message compiled into the pseudo-locale, bracketed. */
export function pseudoMessage(message: string): CompiledMessage {
  return ['[', ...compileMessageOrThrow(message, pseudoText), ']'];
}
