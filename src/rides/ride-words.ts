/**
 * The words of the messages rides send, in the rider's language (English or Spanish); drivers
 * read English and Spanish alike through the same function. Short enough for one or two text
 * messages; never the rider's name, contact or pickup (those stay on the driver's page).
 */
import { KM_PER_MILE } from '../search/distance.js';
import type { RideMessage } from './deps.js';

export type RideLocale = 'en' | 'es';

/** "Wed, Dec 9, 7:00 PM" in the meeting's zone, in a message's or a page's language. */
export function whenText(iso: string, timeZone: string, locale: string): string {
  const tag = locale === 'es' ? 'es-US' : locale === 'en' ? 'en-US' : locale;
  return new Intl.DateTimeFormat(tag, {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

interface About {
  program: string;
  meeting: string;
  when: string;
  link: string;
}

const words = {
  en: {
    code: (a: About, code: string) => ({
      subject: `${a.program}: your code ${code}`,
      text: `${a.program}: your code is ${code}. Enter it to confirm your ride to ${a.meeting}, ${a.when}: ${a.link}`,
    }),
    accepted: (a: About) => ({
      subject: `${a.program}: a driver accepted your ride`,
      text: `${a.program}: a volunteer driver accepted your ride to ${a.meeting}, ${a.when}, and will contact you. No money changes hands, ever. Your ride: ${a.link}`,
    }),
    unmet: (a: About) => ({
      subject: `${a.program}: no driver yet`,
      text: `${a.program}: no volunteer driver is free for ${a.meeting}, ${a.when}. We are sorry. Your ride: ${a.link}`,
    }),
    released: (a: About) => ({
      subject: `${a.program}: your driver had to cancel`,
      text: `${a.program}: your driver for ${a.meeting}, ${a.when}, had to cancel; we are asking the other drivers. Your ride: ${a.link}`,
    }),
    reminder: (a: About) => ({
      subject: `${a.program}: ride reminder`,
      text: `${a.program}: reminder of your ride to ${a.meeting}, ${a.when}. Your ride: ${a.link}`,
    }),
  },
  es: {
    code: (a: About, code: string) => ({
      subject: `${a.program}: su código ${code}`,
      text: `${a.program}: su código es ${code}. Escríbalo para confirmar su viaje a ${a.meeting}, ${a.when}: ${a.link}`,
    }),
    accepted: (a: About) => ({
      subject: `${a.program}: un conductor aceptó su viaje`,
      text: `${a.program}: un conductor voluntario aceptó su viaje a ${a.meeting}, ${a.when}, y se pondrá en contacto con usted. Nunca se paga nada. Su viaje: ${a.link}`,
    }),
    unmet: (a: About) => ({
      subject: `${a.program}: aún no hay conductor`,
      text: `${a.program}: ningún conductor voluntario está libre para ${a.meeting}, ${a.when}. Lo sentimos. Su viaje: ${a.link}`,
    }),
    released: (a: About) => ({
      subject: `${a.program}: su conductor tuvo que cancelar`,
      text: `${a.program}: su conductor para ${a.meeting}, ${a.when}, tuvo que cancelar; estamos preguntando a los demás conductores. Su viaje: ${a.link}`,
    }),
    reminder: (a: About) => ({
      subject: `${a.program}: recordatorio de viaje`,
      text: `${a.program}: le recordamos su viaje a ${a.meeting}, ${a.when}. Su viaje: ${a.link}`,
    }),
  },
} satisfies Record<RideLocale, Record<string, (a: About, code: string) => RideMessage>>;

export type RiderMessageKind = keyof (typeof words)['en'];

/** A message to the rider, in their language. */
export function riderMessage(
  kind: RiderMessageKind,
  locale: RideLocale,
  about: About,
  code = '',
): RideMessage {
  return words[locale][kind](about, code);
}

/** A message to a driver: what changed, and their page. */
export function driverMessage(
  kind: 'offered' | 'withdrawn' | 'cancelled' | 'reminder',
  about: About & { detourKm?: number },
): RideMessage {
  const texts = {
    offered: `A ride is asked for to ${about.meeting}, ${about.when}${about.detourKm !== undefined ? `, about ${Math.round(about.detourKm / KM_PER_MILE)} miles out of your way` : ''}. First to accept takes it: ${about.link}`,
    withdrawn: `The ride to ${about.meeting}, ${about.when}, is taken or no longer needed. Thank you: ${about.link}`,
    cancelled: `The rider cancelled the ride to ${about.meeting}, ${about.when}. Thank you: ${about.link}`,
    reminder: `Reminder: you drive a rider to ${about.meeting}, ${about.when}. Pickup and contact: ${about.link}`,
  };
  return {
    subject: `${about.program}: ${kind === 'offered' ? 'a ride to offer' : 'ride update'}`,
    text: texts[kind],
  };
}
