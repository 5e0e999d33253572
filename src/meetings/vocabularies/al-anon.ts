import type { MeetingTypeDef } from '../programs.js';

/**
 * Al-Anon Family Groups (and Alateen). Al-Anon's Meeting Guide feeds use Meeting Guide codes with
 * Al-Anon's own meanings: `Y` is Alateen, `POA` is Parents of Alcoholics (not Proof of
 * Attendance), `AC` is Adult Children of Alcoholics, `FF` is Fragrance Free. Every code seen in
 * real Al-Anon feeds is here (O, C, ONL, TC, ST, AC, BE, POA, Y, FF, S, POC, LGBTQIA); the rest
 * are the common Meeting Guide codes with the same meaning for Al-Anon.
 */
export const alAnonTypes: readonly MeetingTypeDef[] = [
  {
    code: 'O',
    names: { en: 'Open', es: 'Abierta', fr: 'Ouverte' },
    tags: ['open'],
  },
  {
    code: 'C',
    names: { en: 'Closed', es: 'Cerrada', fr: 'Fermée' },
    tags: ['closed'],
  },
  {
    code: 'ONL',
    names: { en: 'Online', es: 'En línea', fr: 'En ligne' },
    tags: ['online'],
  },
  {
    code: 'HY',
    names: { en: 'Hybrid', es: 'Híbrida', fr: 'Hybride' },
    tags: ['hybrid'],
  },
  {
    code: 'TC',
    names: {
      en: 'Location Temporarily Closed',
      es: 'Ubicación temporalmente cerrada',
      fr: 'Emplacement temporairement fermé',
    },
    tags: ['temporarily_closed'],
  },
  {
    code: 'BE',
    names: { en: 'Beginners', es: 'Principiantes', fr: 'Débutants' },
    tags: ['beginners'],
  },
  {
    code: 'ST',
    names: { en: 'Step Study', es: 'Estudio de los Pasos', fr: 'Étude des Étapes' },
  },
  {
    code: 'TR',
    names: { en: 'Tradition Study', es: 'Estudio de las Tradiciones', fr: 'Étude des Traditions' },
  },
  {
    code: 'CPT',
    names: { en: 'Concepts of Service', es: 'Conceptos de Servicio', fr: 'Concepts de service' },
  },
  {
    code: 'LIT',
    names: { en: 'Literature', es: 'Literatura', fr: 'Publications' },
  },
  {
    code: 'SP',
    names: { en: 'Speaker', es: 'Orador', fr: 'Conférencier' },
  },
  {
    code: 'D',
    names: { en: 'Discussion', es: 'Discusión', fr: 'Discussion' },
  },
  {
    code: 'MED',
    names: { en: 'Meditation', es: 'Meditación', fr: 'Méditation' },
  },
  {
    code: 'AC',
    aliases: ['ACOA', 'ACA'],
    names: {
      en: 'Adult Children of Alcoholics',
      es: 'Hijos adultos de alcohólicos',
      fr: "Enfants adultes d'alcooliques",
    },
  },
  {
    code: 'POA',
    names: {
      en: 'Parents of Alcoholics',
      es: 'Padres de alcohólicos',
      fr: "Parents d'alcooliques",
    },
  },
  {
    code: 'Y',
    aliases: ['ALATEEN'],
    names: { en: 'Alateen', es: 'Alateen', fr: 'Alateen' },
    tags: ['young_people'],
  },
  {
    code: 'M',
    names: { en: 'Men', es: 'Hombres', fr: 'Hommes' },
    tags: ['men'],
  },
  {
    code: 'W',
    names: { en: 'Women', es: 'Mujeres', fr: 'Femmes' },
    tags: ['women'],
  },
  {
    code: 'LGBTQIA',
    aliases: ['LGBTQ', 'LGBTQIA+', 'LGBTQ+'],
    names: { en: 'LGBTQIA+', es: 'LGBTQIA+', fr: 'LGBTQIA+' },
    tags: ['lgbtq'],
  },
  {
    code: 'POC',
    names: { en: 'People of Color', es: 'Personas de color', fr: 'Personnes de couleur' },
    tags: ['people_of_color'],
  },
  {
    code: 'FF',
    names: { en: 'Fragrance Free', es: 'Sin fragancia', fr: 'Sans parfum' },
  },
  {
    code: 'X',
    names: {
      en: 'Wheelchair Access',
      es: 'Acceso en silla de ruedas',
      fr: 'Accès aux fauteuils roulants',
    },
    tags: ['wheelchair'],
  },
  {
    code: 'BA',
    names: {
      en: 'Babysitting Available',
      es: 'Guardería disponible',
      fr: "Garderie d'enfants disponible",
    },
    tags: ['child_care'],
  },
  {
    code: 'EN',
    names: { en: 'English', es: 'Inglés', fr: 'Anglais' },
    tags: ['language'],
    language: 'en',
  },
  {
    code: 'S',
    aliases: ['ES'],
    names: { en: 'Spanish', es: 'Español', fr: 'Espagnol' },
    tags: ['language'],
    language: 'es',
  },
  {
    code: 'FR',
    names: { en: 'French', es: 'Francés', fr: 'Français' },
    tags: ['language'],
    language: 'fr',
  },
  {
    code: 'ASL',
    names: {
      en: 'American Sign Language',
      es: 'Lengua de señas americana',
      fr: 'Langue des signes américaine',
    },
    tags: ['language'],
    language: 'ase',
  },
];
