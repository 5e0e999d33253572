/**
 * The page's `<template id="pl-ui">`: the islands' controls and words as the server rendered
 * them in the page's language. The script only clones and places them.
 */

/** The template's settings and a way to clone its parts. */
export interface UiTemplate {
  /** When the server rendered this page (ISO 8601). */
  renderedAt: string;
  /** The map's tile URL template, when the operator configured one. */
  tiles: string | undefined;
  attribution: string;
  /** A fresh copy of the part marked `data-ui="name"`, or undefined when the page has none. */
  clone<T extends HTMLElement = HTMLElement>(name: string): T | undefined;
}

/** Reads the template from the document, or undefined on a page without one. */
export function readUiTemplate(doc: Document = document): UiTemplate | undefined {
  const template = doc.getElementById('pl-ui');
  if (!(template instanceof HTMLTemplateElement)) return undefined;
  const data = template.dataset;
  return {
    renderedAt: data.renderedAt ?? '',
    tiles: data.tiles,
    attribution: data.attribution ?? '',
    clone<T extends HTMLElement>(name: string) {
      const part = template.content.querySelector(`[data-ui="${name}"]`);
      return part === null ? undefined : (part.cloneNode(true) as T);
    },
  };
}

/** Fills `{name}`-style placeholders the server left in a message. */
export function fill(message: string, values: Record<string, string>): string {
  return message.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
