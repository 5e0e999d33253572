/**
 * The line's fixed replies, in English and Spanish. HELP names the crisis lines first: a person
 * texting for help at 3 a.m. may need 988 more than a meeting.
 */
import type { TextLanguage } from './parse-message.js';

export const lineWords = {
  en: {
    help: 'Text a ZIP code or town (Greenfield MA) for the next meetings. Add WOMEN, MEN, YOUNG, LGBTQ, SPANISH, PHONE, ONLINE, AA, NA, ALANON, SMART, GA, TONIGHT, TOMORROW or a day. MORE: more. In crisis: call or text 988. Treatment referral 24/7: 1-800-662-4357. STOP to end.',
    stopped: 'You will get no more texts from this line. Reply START to begin again.',
    started:
      'Welcome back. Text a ZIP code or town for the next meetings. HELP: help. STOP to end.',
    unknownPlace: (place: string) =>
      `No place called "${place}" is known. Text a ZIP code (01301) or a town and state (Greenfield MA).`,
    ambiguous: (place: string, choices: string) =>
      `Several places are called "${place}": ${choices}. Text the ZIP code or add the state.`,
    needPlace: 'Text a ZIP code or town (Greenfield MA) for the next meetings. HELP: help.',
    noMore: 'No more meetings for that search. Text a ZIP code or town to search again.',
    slowDown:
      'Too many texts in a short time. Try again in a few minutes. In crisis: call or text 988.',
  },
  es: {
    help: 'Envia un codigo postal o pueblo (Greenfield MA) para las proximas reuniones. Agrega MUJERES, HOMBRES, JOVENES, LGBTQ, ESPANOL, TELEFONO, EN LINEA, AA, NA, ALANON, SMART, GA, HOY, MANANA o un dia. MAS: mas. En crisis: llama o escribe al 988. Linea de ayuda 24/7: 1-800-662-4357. STOP para terminar.',
    stopped: 'No recibiras mas mensajes de esta linea. Responde START para volver a empezar.',
    started:
      'Bienvenido de nuevo. Envia un codigo postal o pueblo para las proximas reuniones. AYUDA: ayuda.',
    unknownPlace: (place: string) =>
      `No conocemos "${place}". Envia un codigo postal (01301) o un pueblo y estado (Greenfield MA).`,
    ambiguous: (place: string, choices: string) =>
      `Hay varios lugares llamados "${place}": ${choices}. Envia el codigo postal o agrega el estado.`,
    needPlace:
      'Envia un codigo postal o pueblo (Greenfield MA) para las proximas reuniones. AYUDA: ayuda.',
    noMore:
      'No hay mas reuniones para esa busqueda. Envia un codigo postal o pueblo para buscar otra vez.',
    slowDown:
      'Demasiados mensajes en poco tiempo. Intenta en unos minutos. En crisis: llama o escribe al 988.',
  },
} as const satisfies Record<TextLanguage, unknown>;
