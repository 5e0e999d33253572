import type { MeetingTypeDef } from '../programs.js';

/**
 * SMART Recovery: its meeting finder's own kinds of meeting. SMART has no published code list,
 * so the codes follow the Meeting Guide ones where the meaning is the same (O, C, W, M, X, S, TC,
 * ONL) and are short mnemonics otherwise.
 */
export const smartRecoveryTypes: readonly MeetingTypeDef[] = [
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
    code: 'FF',
    aliases: ['F&F', 'FAMILY'],
    names: { en: 'Family & Friends', es: 'Familia y amigos', fr: 'Famille et amis' },
    tags: ['family_and_friends'],
  },
  {
    code: 'YA',
    names: { en: 'Young Adults', es: 'Adultos jóvenes', fr: 'Jeunes adultes' },
    tags: ['young_people'],
  },
  {
    code: 'VFR',
    names: {
      en: 'Veterans & First Responders',
      es: 'Veteranos y personal de emergencias',
      fr: 'Anciens combattants et premiers intervenants',
    },
    tags: ['veterans'],
  },
  {
    code: 'W',
    names: { en: 'Women', es: 'Mujeres', fr: 'Femmes' },
    tags: ['women'],
  },
  {
    code: 'M',
    names: { en: 'Men', es: 'Hombres', fr: 'Hommes' },
    tags: ['men'],
  },
  {
    code: 'LGBTQ',
    aliases: ['LGBTQ+', 'LGBTQIA+'],
    names: { en: 'LGBTQ+', es: 'LGBTQ+', fr: 'LGBTQ+' },
    tags: ['lgbtq'],
  },
  {
    code: 'BIPOC',
    aliases: ['POC'],
    names: {
      en: 'BIPOC',
      es: 'Personas negras, indígenas y de color',
      fr: 'Personnes noires, autochtones et de couleur',
    },
    tags: ['people_of_color'],
  },
  {
    code: 'IO',
    names: {
      en: 'InsideOut (Corrections)',
      es: 'InsideOut (centros penitenciarios)',
      fr: 'InsideOut (milieu carcéral)',
    },
  },
  {
    code: 'BE',
    names: { en: 'Newcomers', es: 'Recién llegados', fr: 'Nouveaux venus' },
    tags: ['beginners'],
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
    code: 'X',
    names: {
      en: 'Wheelchair Access',
      es: 'Acceso en silla de ruedas',
      fr: 'Accès aux fauteuils roulants',
    },
    tags: ['wheelchair'],
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
];
