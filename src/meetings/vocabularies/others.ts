import type { MeetingTypeDef } from '../programs.js';

/**
 * Small vocabularies for the other fellowships and programs. None of them publishes a code list,
 * and many of their intergroups run Meeting Guide (TSML) sites, so the common codes are the
 * Meeting Guide ones with the same meaning (O, C, BE, SP, D, ST, LIT, M, W, Y, LGBTQ, X, TC, EN,
 * S), plus ONL and HY, which their feeds use, and a few program-specific ones.
 */

const open: MeetingTypeDef = {
  code: 'O',
  names: { en: 'Open', es: 'Abierta', fr: 'Ouverte' },
  tags: ['open'],
};
const closed: MeetingTypeDef = {
  code: 'C',
  names: { en: 'Closed', es: 'Cerrada', fr: 'Fermée' },
  tags: ['closed'],
};
const beginners: MeetingTypeDef = {
  code: 'BE',
  names: { en: 'Newcomer', es: 'Principiantes', fr: 'Nouveaux venus' },
  tags: ['beginners'],
};
const speaker: MeetingTypeDef = {
  code: 'SP',
  names: { en: 'Speaker', es: 'Orador', fr: 'Conférencier' },
};
const discussion: MeetingTypeDef = {
  code: 'D',
  names: { en: 'Discussion', es: 'Discusión', fr: 'Discussion' },
};
const stepStudy: MeetingTypeDef = {
  code: 'ST',
  names: { en: 'Step Study', es: 'Estudio de pasos', fr: 'Étude des Étapes' },
};
const traditionStudy: MeetingTypeDef = {
  code: 'TR',
  names: { en: 'Tradition Study', es: 'Estudio de tradiciones', fr: 'Étude des Traditions' },
};
const literature: MeetingTypeDef = {
  code: 'LIT',
  names: { en: 'Literature', es: 'Literatura', fr: 'Publications' },
};
const meditation: MeetingTypeDef = {
  code: 'MED',
  names: { en: 'Meditation', es: 'Meditación', fr: 'Méditation' },
};
const bigBook: MeetingTypeDef = {
  code: 'B',
  names: { en: 'Big Book', es: 'Libro Grande', fr: 'Gros Livre' },
};
const men: MeetingTypeDef = {
  code: 'M',
  names: { en: 'Men', es: 'Hombres', fr: 'Hommes' },
  tags: ['men'],
};
const women: MeetingTypeDef = {
  code: 'W',
  names: { en: 'Women', es: 'Mujeres', fr: 'Femmes' },
  tags: ['women'],
};
const youngPeople: MeetingTypeDef = {
  code: 'Y',
  names: { en: 'Young People', es: 'Gente joven', fr: 'Jeunes' },
  tags: ['young_people'],
};
const lgbtq: MeetingTypeDef = {
  code: 'LGBTQ',
  aliases: ['LGBTQ+', 'LGBTQIA', 'LGBTQIA+'],
  names: { en: 'LGBTQ', es: 'LGBTQ', fr: 'LGBTQ' },
  tags: ['lgbtq'],
};
const peopleOfColor: MeetingTypeDef = {
  code: 'POC',
  aliases: ['BIPOC'],
  names: { en: 'People of Color', es: 'Personas de color', fr: 'Personnes de couleur' },
  tags: ['people_of_color'],
};
// Groups for the people small places lack most. Indigenous (NDG) and Seniors (SEN) are Meeting
// Guide codes; these programs publish no codes of their own for Black people's or veterans'
// groups, so BLK and VET are ours (written to feeds as they are, read back the same).
const black: MeetingTypeDef = {
  code: 'BLK',
  aliases: ['BLACK'],
  names: { en: 'Black', es: 'Personas negras', fr: 'Personnes noires' },
  tags: ['black'],
};
const indigenous: MeetingTypeDef = {
  code: 'NDG',
  aliases: ['N'],
  names: { en: 'Indigenous', es: 'Indígena', fr: 'Autochtone' },
  tags: ['indigenous'],
};
const seniors: MeetingTypeDef = {
  code: 'SEN',
  names: { en: 'Seniors', es: 'Personas mayores', fr: 'Séniors' },
  tags: ['seniors'],
};
const veterans: MeetingTypeDef = {
  code: 'VET',
  aliases: ['VETERANS'],
  names: { en: 'Veterans', es: 'Veteranos', fr: 'Anciens combattants' },
  tags: ['veterans'],
};
const wheelchair: MeetingTypeDef = {
  code: 'X',
  names: {
    en: 'Wheelchair Access',
    es: 'Acceso en silla de ruedas',
    fr: 'Accès aux fauteuils roulants',
  },
  tags: ['wheelchair'],
};
const online: MeetingTypeDef = {
  code: 'ONL',
  names: { en: 'Online', es: 'En línea', fr: 'En ligne' },
  tags: ['online'],
};
const hybrid: MeetingTypeDef = {
  code: 'HY',
  names: { en: 'Hybrid', es: 'Híbrida', fr: 'Hybride' },
  tags: ['hybrid'],
};
const temporarilyClosed: MeetingTypeDef = {
  code: 'TC',
  names: {
    en: 'Location Temporarily Closed',
    es: 'Ubicación temporalmente cerrada',
    fr: 'Emplacement temporairement fermé',
  },
  tags: ['temporarily_closed'],
};
const english: MeetingTypeDef = {
  code: 'EN',
  names: { en: 'English', es: 'Inglés', fr: 'Anglais' },
  tags: ['language'],
  language: 'en',
};
const spanish: MeetingTypeDef = {
  code: 'S',
  aliases: ['ES'],
  names: { en: 'Spanish', es: 'Español', fr: 'Espagnol' },
  tags: ['language'],
  language: 'es',
};

/** What every twelve-step fellowship here shares. */
const twelveStepCommon: readonly MeetingTypeDef[] = [
  open,
  closed,
  beginners,
  speaker,
  discussion,
  stepStudy,
  traditionStudy,
  literature,
  men,
  women,
  youngPeople,
  lgbtq,
  peopleOfColor,
  black,
  indigenous,
  seniors,
  veterans,
  wheelchair,
  online,
  hybrid,
  temporarilyClosed,
  english,
  spanish,
];

/** What the other (non-twelve-step) programs here share. */
const nonStepCommon: readonly MeetingTypeDef[] = [
  open,
  closed,
  beginners,
  speaker,
  discussion,
  men,
  women,
  youngPeople,
  lgbtq,
  peopleOfColor,
  black,
  indigenous,
  seniors,
  veterans,
  wheelchair,
  online,
  hybrid,
  temporarilyClosed,
  english,
  spanish,
];

/** Gamblers Anonymous. */
export const gaTypes: readonly MeetingTypeDef[] = [
  ...twelveStepCommon,
  {
    code: 'GAM',
    aliases: ['GAM-ANON', 'GAMANON'],
    names: {
      en: 'Concurrent with Gam-Anon',
      es: 'Concurrente con Gam-Anon',
      fr: 'En même temps que Gam-Anon',
    },
    tags: ['family_and_friends'],
  },
  {
    code: 'PR',
    names: {
      en: 'Pressure Relief',
      es: 'Alivio de presión',
      fr: 'Allègement de la pression',
    },
  },
  {
    code: 'CB',
    names: { en: 'Combo Book', es: 'Libro combinado', fr: 'Livre combiné' },
  },
];

/** Cocaine Anonymous. */
export const caTypes: readonly MeetingTypeDef[] = [
  ...twelveStepCommon,
  bigBook,
  meditation,
  {
    code: 'HFC',
    names: {
      en: 'Hope, Faith & Courage',
      es: 'Esperanza, fe y valor',
      fr: 'Espoir, foi et courage',
    },
  },
];

/** Crystal Meth Anonymous. */
export const cmaTypes: readonly MeetingTypeDef[] = [
  ...twelveStepCommon,
  meditation,
  {
    code: 'CC',
    names: { en: 'Crystal Clear', es: 'Crystal Clear', fr: 'Crystal Clear' },
  },
];

/** Overeaters Anonymous. */
export const oaTypes: readonly MeetingTypeDef[] = [
  ...twelveStepCommon,
  bigBook,
  meditation,
  {
    code: 'HOW',
    names: { en: 'HOW Concept', es: 'Concepto HOW', fr: 'Concept HOW' },
  },
  {
    code: '90',
    aliases: ['90D', '90DAY'],
    names: { en: '90 Day', es: '90 días', fr: '90 jours' },
  },
  {
    code: '12x12',
    names: {
      en: '12 Steps & 12 Traditions',
      es: '12 Pasos y 12 Tradiciones',
      fr: '12 Étapes et 12 Traditions',
    },
  },
  {
    code: 'VOR',
    names: { en: 'Voices of Recovery', es: 'Voces de recuperación', fr: 'Voix du rétablissement' },
  },
  {
    code: 'FT',
    names: { en: 'For Today', es: 'Para hoy', fr: "Pour aujourd'hui" },
  },
  {
    code: 'AB',
    names: { en: 'Abstinence', es: 'Abstinencia', fr: 'Abstinence' },
  },
  {
    code: 'MAINT',
    names: { en: 'Maintenance', es: 'Mantenimiento', fr: 'Maintien' },
  },
  {
    code: 'WR',
    names: { en: 'Writing', es: 'Escritura', fr: 'Écriture' },
  },
];

/** Sex and Love Addicts Anonymous. */
export const slaaTypes: readonly MeetingTypeDef[] = [
  ...twelveStepCommon,
  meditation,
  {
    code: 'BT',
    names: { en: 'Basic Text', es: 'Texto Básico', fr: 'Texte de base' },
  },
  {
    code: 'AN',
    names: {
      en: 'Anorexia (sexual, social, emotional)',
      es: 'Anorexia (sexual, social, emocional)',
      fr: 'Anorexie (sexuelle, sociale, émotionnelle)',
    },
  },
];

/** Sex Addicts Anonymous. */
export const saaTypes: readonly MeetingTypeDef[] = [
  ...twelveStepCommon,
  meditation,
  {
    code: 'GB',
    names: { en: 'Green Book', es: 'Libro Verde', fr: 'Livre vert' },
  },
  {
    code: 'VOR',
    names: { en: 'Voices of Recovery', es: 'Voces de recuperación', fr: 'Voix du rétablissement' },
  },
];

/** Co-Dependents Anonymous. */
export const codaTypes: readonly MeetingTypeDef[] = [
  ...twelveStepCommon,
  meditation,
  {
    code: 'CB',
    names: { en: 'CoDA Book', es: 'Libro de CoDA', fr: 'Livre de CoDA' },
  },
  {
    code: 'WB',
    names: { en: 'Workbook', es: 'Cuaderno de trabajo', fr: "Cahier d'exercices" },
  },
  {
    code: 'ITM',
    names: { en: 'In This Moment', es: 'En este momento', fr: 'En ce moment' },
  },
  {
    code: 'WR',
    names: { en: 'Writing', es: 'Escritura', fr: 'Écriture' },
  },
];

const bookStudy: MeetingTypeDef = {
  code: 'BS',
  names: { en: 'Book Study', es: 'Estudio del libro', fr: 'Étude du livre' },
};

/** Recovery Dharma. */
export const recoveryDharmaTypes: readonly MeetingTypeDef[] = [
  ...nonStepCommon,
  meditation,
  bookStudy,
  {
    code: 'INQ',
    names: { en: 'Inquiry', es: 'Indagación', fr: 'Enquête' },
  },
];

/** Refuge Recovery. */
export const refugeRecoveryTypes: readonly MeetingTypeDef[] = [
  ...nonStepCommon,
  meditation,
  bookStudy,
  {
    code: 'INV',
    names: { en: 'Inventory', es: 'Inventario', fr: 'Inventaire' },
  },
];

/** Celebrate Recovery (Christ-centred; large group, open share groups and step studies). */
export const celebrateRecoveryTypes: readonly MeetingTypeDef[] = [
  open,
  closed,
  beginners,
  men,
  women,
  wheelchair,
  online,
  hybrid,
  temporarilyClosed,
  english,
  spanish,
  {
    code: 'LG',
    names: { en: 'Large Group', es: 'Grupo grande', fr: 'Grand groupe' },
  },
  {
    code: 'OSG',
    names: {
      en: 'Open Share Group',
      es: 'Grupo de participación abierta',
      fr: 'Groupe de partage ouvert',
    },
  },
  {
    code: 'ST',
    names: { en: 'Step Study', es: 'Estudio de pasos', fr: 'Étude des Étapes' },
  },
  {
    code: 'LAND',
    names: { en: 'The Landing (youth)', es: 'The Landing (jóvenes)', fr: 'The Landing (jeunes)' },
    tags: ['young_people'],
  },
  {
    code: 'CP',
    names: {
      en: 'Celebration Place (children)',
      es: 'Celebration Place (niños)',
      fr: 'Celebration Place (enfants)',
    },
    tags: ['child_care'],
  },
  {
    code: 'CD',
    names: { en: 'Chemical Dependency', es: 'Dependencia química', fr: 'Dépendance chimique' },
    focus: ['alcohol', 'drugs'],
  },
  {
    code: 'COD',
    names: { en: 'Codependency', es: 'Codependencia', fr: 'Codépendance' },
    focus: ['co_dependency'],
  },
  {
    code: 'SI',
    names: { en: 'Sexual Integrity', es: 'Integridad sexual', fr: 'Intégrité sexuelle' },
    focus: ['sex_and_love'],
  },
  {
    code: 'FOOD',
    names: {
      en: 'Food Issues',
      es: 'Problemas con la comida',
      fr: "Troubles de l'alimentation",
    },
    focus: ['food'],
  },
  {
    code: 'GAMB',
    names: { en: 'Gambling', es: 'Juego', fr: 'Jeu' },
    focus: ['gambling'],
  },
  {
    code: 'FAM',
    names: {
      en: 'Family & Friends of Addicts',
      es: 'Familiares y amigos de adictos',
      fr: 'Famille et amis de dépendants',
    },
    tags: ['family_and_friends'],
  },
  {
    code: 'ANG',
    names: { en: 'Anger', es: 'Ira', fr: 'Colère' },
  },
  {
    code: 'GRF',
    names: { en: 'Grief', es: 'Duelo', fr: 'Deuil' },
  },
];

/** LifeRing Secular Recovery. */
export const lifeRingTypes: readonly MeetingTypeDef[] = [
  ...nonStepCommon,
  {
    code: 'HWYW',
    names: {
      en: 'How Was Your Week',
      es: '¿Cómo fue tu semana?',
      fr: "Comment s'est passée votre semaine",
    },
  },
  {
    code: 'RBC',
    names: {
      en: 'Recovery by Choice',
      es: 'Recuperación por elección',
      fr: 'Rétablissement par choix',
    },
  },
  {
    code: 'EYSS',
    names: {
      en: 'Empowering Your Sober Self',
      es: 'Fortalecer tu yo sobrio',
      fr: 'Renforcer votre moi sobre',
    },
  },
];

/** Women for Sobriety (meetings are for women; so W and M are not types here). */
export const womenForSobrietyTypes: readonly MeetingTypeDef[] = [
  open,
  closed,
  beginners,
  discussion,
  lgbtq,
  peopleOfColor,
  wheelchair,
  online,
  hybrid,
  temporarilyClosed,
  english,
  spanish,
  {
    code: 'NLP',
    names: { en: 'New Life Program', es: 'Programa Nueva Vida', fr: 'Programme Nouvelle Vie' },
  },
];

/**
 * All Recovery meetings: peer groups held by recovery community centers that welcome every
 * pathway (twelve-step, SMART, medication, faith, harm reduction, none). No body publishes
 * codes for them, so they take the common ones.
 */
export const allRecoveryTypes: readonly MeetingTypeDef[] = [...nonStepCommon];
