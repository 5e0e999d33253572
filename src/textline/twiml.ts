/**
 * TwiML, the XML Twilio reads from a webhook's answer: built here from a few verbs, with every
 * text escaped, so a meeting's name can never change what Twilio is told to do.
 */

/** Escapes text for an XML element or attribute. */
export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An element with attributes (undefined ones left out) and already-built children. */
export function element(
  name: string,
  attributes: Record<string, string | number | undefined>,
  children = '',
): string {
  const attrs = Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
  return children === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${children}</${name}>`;
}

/** A whole TwiML document. */
export function twimlResponse(verbs: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('Response', {}, verbs.join(''))}`;
}

/** The answer to an incoming text: one `<Message>` per reply, none for silence. */
export function messagingResponse(messages: readonly string[]): string {
  return twimlResponse(messages.map((m) => element('Message', {}, xmlEscape(m))));
}
