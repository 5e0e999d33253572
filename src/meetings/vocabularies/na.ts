import type { MeetingTypeDef } from '../programs.js';

/**
 * Narcotics Anonymous: the common BMLT formats (the stock English format list of the BMLT root
 * server), each with its NAWS world id where there is one. BMLT servers may define their own keys
 * (a German server uses `F` for Women), so an import should prefer the world id, which
 * `resolveTypeCode` accepts too ('WCHR' -> 'WC', 'JFT' -> 'JT', 'BEG' -> 'B'). The world id `LANG`
 * is shared by every language format and so resolves to none of them.
 *
 * `Sp` (Speaker) is not in the stock list but is the key most servers use for SPK; it comes before
 * `So` (Speaker Only) so the world id SPK resolves to it.
 */
export const naTypes: readonly MeetingTypeDef[] = [
  {
    code: 'B',
    worldId: 'BEG',
    names: { en: 'Beginners', es: 'Principiantes', fr: 'Débutants' },
    tags: ['beginners'],
  },
  {
    code: 'BL',
    worldId: 'LANG',
    names: { en: 'Bilingual', es: 'Bilingüe', fr: 'Bilingue' },
    tags: ['language'],
  },
  {
    code: 'BT',
    worldId: 'BT',
    names: { en: 'Basic Text', es: 'Texto Básico', fr: 'Texte de base' },
  },
  {
    code: 'C',
    worldId: 'CLOSED',
    names: { en: 'Closed', es: 'Cerrada', fr: 'Fermée' },
    tags: ['closed'],
  },
  {
    code: 'CH',
    worldId: 'CH',
    names: {
      en: 'Closed Holidays',
      es: 'Cerrada en días festivos',
      fr: 'Fermée les jours fériés',
    },
  },
  {
    code: 'CL',
    worldId: 'CAN',
    names: { en: 'Candlelight', es: 'A la luz de las velas', fr: 'À la chandelle' },
  },
  {
    code: 'CS',
    names: {
      en: 'Children under Supervision',
      es: 'Niños bajo supervisión',
      fr: 'Enfants sous supervision',
    },
  },
  {
    code: 'D',
    worldId: 'DISC',
    names: { en: 'Discussion', es: 'Discusión', fr: 'Discussion' },
  },
  {
    code: 'ES',
    worldId: 'LANG',
    names: { en: 'Spanish', es: 'Español', fr: 'Espagnol' },
    tags: ['language'],
    language: 'es',
  },
  {
    code: 'GL',
    worldId: 'GL',
    aliases: ['LGBTQ', 'LGBTQ+', 'GLBT'],
    names: {
      en: 'Gay/Lesbian/Transgender',
      es: 'Gay/Lesbiana/Transgénero',
      fr: 'Gais/Lesbiennes/Transgenres',
    },
    tags: ['lgbtq'],
  },
  {
    code: 'IL',
    names: { en: 'Illness', es: 'Enfermedad crónica', fr: 'Maladies chroniques' },
  },
  {
    code: 'IP',
    worldId: 'IP',
    names: { en: 'Informational Pamphlet', es: 'Folleto informativo', fr: 'Brochures' },
  },
  {
    code: 'IW',
    worldId: 'IW',
    names: {
      en: 'It Works: How and Why',
      es: 'Funciona: cómo y por qué',
      fr: 'Ça marche : comment et pourquoi',
    },
  },
  {
    code: 'JT',
    worldId: 'JFT',
    names: { en: 'Just for Today', es: 'Solo por hoy', fr: "Juste pour aujourd'hui" },
  },
  {
    code: 'M',
    worldId: 'M',
    names: { en: 'Men', es: 'Hombres', fr: 'Hommes' },
    tags: ['men'],
  },
  {
    code: 'NC',
    worldId: 'NC',
    names: { en: 'No Children', es: 'Sin niños', fr: "Pas d'enfants" },
  },
  {
    code: 'O',
    worldId: 'OPEN',
    names: { en: 'Open', es: 'Abierta', fr: 'Ouverte' },
    tags: ['open'],
  },
  {
    code: 'Pi',
    names: { en: 'Pitch', es: 'Elección del siguiente', fr: 'À la pige' },
  },
  {
    code: 'RF',
    worldId: 'VAR',
    names: { en: 'Rotating Format', es: 'Formato rotativo', fr: 'Format varié' },
  },
  {
    code: 'Rr',
    names: { en: 'Round Robin', es: 'Por turnos', fr: 'À la ronde' },
  },
  {
    code: 'SC',
    names: { en: 'Security Cameras', es: 'Cámaras de seguridad', fr: 'Caméras de surveillance' },
  },
  {
    code: 'SD',
    worldId: 'S-D',
    names: { en: 'Speaker/Discussion', es: 'Orador/Discusión', fr: 'Partage et discussion' },
  },
  {
    code: 'SG',
    worldId: 'SWG',
    names: {
      en: 'Step Working Guide',
      es: 'Guía para trabajar los pasos',
      fr: 'Guide de travail sur les étapes',
    },
  },
  {
    code: 'SL',
    names: {
      en: 'American Sign Language',
      es: 'Lengua de señas americana',
      fr: 'Langue des signes américaine',
    },
    tags: ['language'],
    language: 'ase',
  },
  {
    code: 'Sp',
    worldId: 'SPK',
    names: { en: 'Speaker', es: 'Orador', fr: 'Conférencier' },
  },
  {
    code: 'So',
    worldId: 'SPK',
    names: { en: 'Speaker Only', es: 'Solo orador', fr: 'Partage seulement' },
  },
  {
    code: 'St',
    worldId: 'STEP',
    names: { en: 'Step', es: 'Pasos', fr: 'Étapes' },
  },
  {
    code: 'Ti',
    names: { en: 'Timer', es: 'Con cronómetro', fr: 'Discussion chronométrée' },
  },
  {
    code: 'To',
    worldId: 'TOP',
    names: { en: 'Topic', es: 'Tema', fr: 'Thématique' },
  },
  {
    code: 'Tr',
    worldId: 'TRAD',
    names: { en: 'Tradition', es: 'Tradiciones', fr: 'Traditions' },
  },
  {
    code: 'TW',
    worldId: 'TRAD',
    names: {
      en: 'Traditions Workshop',
      es: 'Taller de tradiciones',
      fr: 'Atelier sur les traditions',
    },
  },
  {
    code: 'W',
    worldId: 'W',
    names: { en: 'Women', es: 'Mujeres', fr: 'Femmes' },
    tags: ['women'],
  },
  {
    code: 'WC',
    worldId: 'WCHR',
    names: {
      en: 'Wheelchair Accessible',
      es: 'Accesible en silla de ruedas',
      fr: 'Accessible en fauteuil roulant',
    },
    tags: ['wheelchair'],
  },
  {
    code: 'YP',
    worldId: 'Y',
    names: { en: 'Young People', es: 'Jóvenes', fr: 'Jeunes' },
    tags: ['young_people'],
  },
  {
    code: 'OE',
    names: { en: 'Open-Ended', es: 'Sin hora de cierre', fr: 'Marathon' },
  },
  {
    code: 'BK',
    worldId: 'LIT',
    names: { en: 'Book Study', es: 'Estudio de libros', fr: 'Étude de livres' },
  },
  {
    code: 'NS',
    worldId: 'NS',
    names: { en: 'No Smoking', es: 'No fumar', fr: 'Non-fumeurs' },
  },
  {
    code: 'Ag',
    names: { en: 'Agnostic', es: 'Agnóstica', fr: 'Agnostique' },
    tags: ['secular'],
  },
  {
    code: 'FD',
    names: { en: 'Five and Dime', es: 'Cinco y diez', fr: 'Cinq et dix' },
  },
  {
    code: 'AB',
    worldId: 'QA',
    names: { en: 'Ask-It-Basket', es: 'Canasta de preguntas', fr: 'Panier de questions' },
  },
  {
    code: 'ME',
    worldId: 'MED',
    names: { en: 'Meditation', es: 'Meditación', fr: 'Méditation' },
  },
  {
    code: 'RA',
    worldId: 'RA',
    names: { en: 'Restricted Attendance', es: 'Asistencia restringida', fr: 'Accès restreint' },
  },
  {
    code: 'QA',
    worldId: 'QA',
    names: { en: 'Question and Answer', es: 'Preguntas y respuestas', fr: 'Questions et réponses' },
  },
  {
    code: 'CW',
    worldId: 'CW',
    names: { en: 'Children Welcome', es: 'Niños bienvenidos', fr: 'Enfants bienvenus' },
  },
  {
    code: 'CP',
    worldId: 'CPT',
    names: { en: 'Concepts', es: 'Conceptos', fr: 'Concepts' },
  },
  {
    code: 'FIN',
    worldId: 'LANG',
    names: { en: 'Finnish', es: 'Finlandés', fr: 'Finnois' },
    tags: ['language'],
    language: 'fi',
  },
  {
    code: 'ENG',
    worldId: 'LANG',
    names: { en: 'English', es: 'Inglés', fr: 'Anglais' },
    tags: ['language'],
    language: 'en',
  },
  {
    code: 'PER',
    worldId: 'LANG',
    names: { en: 'Persian', es: 'Persa', fr: 'Persan' },
    tags: ['language'],
    language: 'fa',
  },
  {
    code: 'L/R',
    worldId: 'LANG',
    names: { en: 'Lithuanian/Russian', es: 'Lituano/Ruso', fr: 'Lituanien/Russe' },
    tags: ['language'],
  },
  {
    code: 'LC',
    worldId: 'LC',
    names: { en: 'Living Clean', es: 'Vivir limpios', fr: 'Vivre abstinent' },
  },
  {
    code: 'GP',
    worldId: 'GP',
    names: { en: 'Guiding Principles', es: 'Principios guía', fr: 'Principes directeurs' },
  },
  {
    code: 'VM',
    worldId: 'VM',
    names: { en: 'Virtual Meeting', es: 'Reunión virtual', fr: 'Réunion virtuelle' },
    tags: ['online'],
  },
  {
    code: 'TC',
    worldId: 'TC',
    names: {
      en: 'Temporarily Closed Facility',
      es: 'Local cerrado temporalmente',
      fr: 'Local temporairement fermé',
    },
    tags: ['temporarily_closed'],
  },
  {
    code: 'HY',
    worldId: 'HYBR',
    names: { en: 'Hybrid Meeting', es: 'Reunión híbrida', fr: 'Réunion hybride' },
    tags: ['hybrid'],
  },
  {
    code: 'SPAD',
    worldId: 'SPAD',
    names: {
      en: 'A Spiritual Principle a Day',
      es: 'Un principio espiritual al día',
      fr: 'Un principe spirituel par jour',
    },
  },
];
