import { describe, expect, it } from 'vitest';
import { needName, spanishNeedCodes } from './need-names.js';
import { needs } from './needs.js';

describe('need names in the reader language', () => {
  it('has a Spanish name for every need, and none for a need that does not exist', () => {
    expect(spanishNeedCodes().sort()).toEqual(needs.map((n) => n.code).sort());
    const names = needs.map((n) => needName(n.code, 'es'));
    // Siblings never share a name: a select of them must tell them apart.
    expect(new Set(names).size).toBe(names.length);
    expect(needName('no.such.need', 'es')).toBeUndefined();
  });

  it('keeps the taxonomy English for English, and says it in Spanish for Spanish', () => {
    expect(needName('health.addiction-recovery.detox', 'en')).toBe('Detox');
    expect(needName('health.addiction-recovery.detox', 'es')).toBe('Desintoxicación');
    expect(needName('housing.residential-housing.recovery-residence', 'es')).toBe(
      'Residencia de recuperación',
    );
  });
});
