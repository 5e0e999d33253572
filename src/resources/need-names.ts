/**
 * The needs' names in the reader's language. English is the Open Eligibility taxonomy's own
 * (`needs.ts`). The taxonomy has no published Spanish, so the Spanish here is ours, in the plain
 * words of US Spanish-language social services (211 lines, SAMHSA's materials): a translation of
 * a CC BY-SA work, shared under the same licence.
 */
import { needByCode, type NeedCode } from './needs.js';

const spanish: Record<NeedCode, string> = {
  emergency: 'Emergencias',
  'emergency.disaster-response': 'Ayuda en desastres',
  'emergency.emergency-cash': 'Dinero de emergencia',
  'emergency.emergency-food': 'Comida de emergencia',
  'emergency.emergency-shelter': 'Albergue de emergencia',
  'emergency.psychiatric-emergency-services': 'Emergencias psiquiátricas',
  'emergency.safety': 'Seguridad',
  'emergency.safety.domestic-violence-support': 'Apoyo ante la violencia doméstica',
  'emergency.safety.hotlines': 'Líneas de ayuda',
  food: 'Comida',
  'food.food-delivery': 'Comida a domicilio',
  'food.food-pantry': 'Despensa de alimentos',
  'food.help-pay-for-food': 'Ayuda para pagar la comida',
  'food.meals': 'Comidas',
  'food.nutrition-education': 'Educación sobre nutrición',
  housing: 'Vivienda',
  'housing.help-find-housing': 'Ayuda para encontrar vivienda',
  'housing.help-pay-for-housing': 'Ayuda para pagar la vivienda',
  'housing.housing-advice': 'Asesoría de vivienda',
  'housing.residential-housing': 'Vivienda residencial',
  'housing.residential-housing.long-term-housing': 'Vivienda a largo plazo',
  'housing.residential-housing.short-term-housing': 'Vivienda a corto plazo',
  'housing.residential-housing.recovery-residence': 'Residencia de recuperación',
  'housing.temporary-shelter': 'Albergue temporal',
  goods: 'Artículos',
  'goods.baby-supplies': 'Artículos para bebés',
  'goods.clothing': 'Ropa',
  'goods.home-goods': 'Artículos para el hogar',
  'goods.medical-supplies': 'Suministros médicos',
  'goods.personal-hygiene': 'Higiene personal',
  'goods.phones': 'Teléfonos',
  transit: 'Transporte',
  'transit.bus-passes': 'Pases de autobús',
  'transit.help-pay-for-transit': 'Ayuda para pagar el transporte',
  'transit.transportation-for-healthcare': 'Transporte a citas médicas',
  health: 'Salud',
  'health.addiction-recovery': 'Adicción y recuperación',
  'health.addiction-recovery.12-step': '12 pasos',
  'health.addiction-recovery.detox': 'Desintoxicación',
  'health.addiction-recovery.drug-testing': 'Pruebas de drogas',
  'health.addiction-recovery.harm-reduction': 'Reducción de daños',
  'health.addiction-recovery.medications-for-addiction': 'Medicamentos para la adicción',
  'health.addiction-recovery.outpatient-treatment': 'Tratamiento ambulatorio',
  'health.addiction-recovery.residential-treatment': 'Tratamiento residencial',
  'health.addiction-recovery.sober-living': 'Vivienda sobria',
  'health.addiction-recovery.peer-recovery-support': 'Apoyo de pares en la recuperación',
  'health.dental-care': 'Atención dental',
  'health.health-education': 'Educación sobre la salud',
  'health.help-pay-for-healthcare': 'Ayuda para pagar la atención médica',
  'health.medical-care': 'Atención médica',
  'health.medical-care.primary-care': 'Atención primaria',
  'health.medical-care.prescription-assistance': 'Ayuda con recetas médicas',
  'health.medical-care.prevent-treat': 'Prevención y tratamiento',
  'health.mental-health-care': 'Salud mental',
  'health.mental-health-care.counseling': 'Consejería',
  'health.mental-health-care.psychiatric-care': 'Atención psiquiátrica',
  'health.mental-health-care.support-groups': 'Grupos de apoyo',
  money: 'Dinero',
  'money.financial-education': 'Educación financiera',
  'money.government-benefits': 'Beneficios del gobierno',
  'money.health-insurance': 'Seguro médico',
  'money.tax-preparation': 'Preparación de impuestos',
  care: 'Cuidado',
  'care.daytime-care': 'Cuidado diurno',
  'care.childcare': 'Cuidado de niños',
  'care.end-of-life-care': 'Cuidados al final de la vida',
  'care.residential-care': 'Cuidado residencial',
  'care.support-network': 'Red de apoyo',
  education: 'Educación',
  'education.help-find-school': 'Ayuda para encontrar escuela',
  'education.help-pay-for-school': 'Ayuda para pagar los estudios',
  'education.more-education': 'Más estudios',
  'education.screening-exams': 'Evaluaciones y exámenes',
  work: 'Trabajo',
  'work.help-find-work': 'Ayuda para encontrar trabajo',
  'work.help-pay-for-work-expenses': 'Ayuda con gastos de trabajo',
  'work.skills-training': 'Habilidades y capacitación',
  'work.workplace-rights': 'Derechos laborales',
  legal: 'Asuntos legales',
  'legal.advocacy-legal-aid': 'Defensa y ayuda legal',
  'legal.mediation': 'Mediación',
  'legal.representation': 'Representación legal',
  'legal.record-clearing': 'Limpieza de antecedentes',
  'legal.translation-interpretation': 'Traducción e interpretación',
};

/** The need's name in `locale` (`es` has ours; anything else the taxonomy's English). */
export function needName(code: NeedCode, locale: string): string | undefined {
  const need = needByCode(code);
  if (need === undefined) return undefined;
  return locale === 'es' ? (spanish[code] ?? need.name) : need.name;
}

/** The codes that have a Spanish name (a test holds it to every need). */
export function spanishNeedCodes(): string[] {
  return Object.keys(spanish);
}
