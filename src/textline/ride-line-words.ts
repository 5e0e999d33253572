/**
 * What the line says about rides, in English and Spanish (plain letters, so a reply stays in
 * the cheaper GSM-7 alphabet). No money changes hands: every program's rule, said each time a
 * ride is listed.
 */
import type { TextLanguage } from './parse-message.js';

/** A meeting as a RIDE reply lists it. */
export interface ListedRide {
  name: string;
  when: string;
}

const list = (choices: readonly ListedRide[]) =>
  choices.map((c, i) => `${i + 1}) ${c.when} ${c.name}`).join('\n');

export const rideWords = {
  en: {
    noRides:
      'This line does not arrange rides. Text a ZIP code or town for meetings, by phone too.',
    needPlace:
      'Text RIDE and your ZIP code or town (RIDE 01301) for meetings volunteer drivers go to.',
    unknownPlace: (place: string) =>
      `No place called "${place}" is known. Text RIDE and a ZIP code (RIDE 01301).`,
    none: (place: string) =>
      `No volunteer driver goes to a meeting near ${place} just now. Text ${place} for meetings, by phone too.`,
    listed: (place: string, choices: readonly ListedRide[]) =>
      `Rides from ${place} to:\n${list(choices)}\nText RIDE 1${choices.length > 1 ? `-${choices.length}` : ''} to ask for one, with a ride home. Never any money.`,
    needList: 'Text RIDE and your ZIP code first (RIDE 01301), then RIDE 1, 2 or 3.',
    codeSent: (meeting: string) =>
      `Asked for a ride to ${meeting}. We text you a 6-digit code: text it back to confirm.`,
    cannotAsk:
      'That ride cannot be asked for now (too soon, or no driver goes there). Text RIDE and your ZIP code to see others.',
    noPending: 'No ride is waiting for a code. Text RIDE and your ZIP code to ask for one.',
    wrongCode: 'That is not the code we sent. Check it and text it again.',
    askAgain: 'That ride can no longer be confirmed. Text RIDE and your ZIP code to ask again.',
    confirmed:
      'Confirmed. We are asking the volunteer drivers; the one who accepts will text you. The link we sent shows the ride and cancels it.',
    unmet: (meeting: string) =>
      `Sorry: no volunteer driver is free for ${meeting}. Text RIDE and your ZIP code for other dates.`,
  },
  es: {
    noRides:
      'Esta linea no organiza viajes. Envia un codigo postal o pueblo para reuniones, tambien por telefono.',
    needPlace:
      'Envia VIAJE y tu codigo postal o pueblo (VIAJE 01301) para reuniones a las que van conductores voluntarios.',
    unknownPlace: (place: string) =>
      `No conocemos "${place}". Envia VIAJE y un codigo postal (VIAJE 01301).`,
    none: (place: string) =>
      `Ningun conductor voluntario va ahora a una reunion cerca de ${place}. Envia ${place} para reuniones, tambien por telefono.`,
    listed: (place: string, choices: readonly ListedRide[]) =>
      `Viajes desde ${place} a:\n${list(choices)}\nEnvia VIAJE 1${choices.length > 1 ? `-${choices.length}` : ''} para pedir uno, con regreso. Nunca se paga nada.`,
    needList: 'Envia primero VIAJE y tu codigo postal (VIAJE 01301), luego VIAJE 1, 2 o 3.',
    codeSent: (meeting: string) =>
      `Pedimos un viaje a ${meeting}. Te enviamos un codigo de 6 cifras: envialo para confirmar.`,
    cannotAsk:
      'Ese viaje no se puede pedir ahora (muy pronto, o ningun conductor va). Envia VIAJE y tu codigo postal para ver otros.',
    noPending: 'Ningun viaje espera un codigo. Envia VIAJE y tu codigo postal para pedir uno.',
    wrongCode: 'Ese no es el codigo que enviamos. Revisalo y envialo otra vez.',
    askAgain:
      'Ese viaje ya no se puede confirmar. Envia VIAJE y tu codigo postal para pedirlo otra vez.',
    confirmed:
      'Confirmado. Estamos preguntando a los conductores voluntarios; quien acepte te escribira. El enlace que enviamos muestra el viaje y lo cancela.',
    unmet: (meeting: string) =>
      `Lo sentimos: ningun conductor voluntario esta libre para ${meeting}. Envia VIAJE y tu codigo postal para otras fechas.`,
  },
} as const satisfies Record<TextLanguage, unknown>;
