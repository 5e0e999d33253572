import { describe, it, expect } from 'vitest';
import { formatAddress, looksApproximate, splitFormattedAddress } from './address.js';

describe('splitFormattedAddress', () => {
  it('splits a geocoded US address', () => {
    expect(splitFormattedAddress('3186 Pullman St, Costa Mesa, CA 92626, USA')).toEqual({
      street: '3186 Pullman St',
      city: 'Costa Mesa',
      region: 'CA',
      postalCode: '92626',
      country: 'USA',
    });
  });

  it('splits a Canadian address with the province and postal code in separate parts', () => {
    expect(splitFormattedAddress('8318 104 St, Edmonton, Alberta, T6E 4E8, Canada')).toEqual({
      street: '8318 104 St',
      city: 'Edmonton',
      region: 'Alberta',
      postalCode: 'T6E 4E8',
      country: 'Canada',
    });
  });

  it('splits a Canadian address written the way Google writes it', () => {
    expect(splitFormattedAddress('8318 104 St NW, Edmonton, AB T6E 4E8, Canada')).toEqual({
      street: '8318 104 St NW',
      city: 'Edmonton',
      region: 'AB',
      postalCode: 'T6E 4E8',
      country: 'Canada',
    });
  });

  it('reads a town-only address as a city and a region, not a street', () => {
    expect(splitFormattedAddress('Greenfield, MA, USA')).toEqual({
      city: 'Greenfield',
      region: 'MA',
      country: 'USA',
    });
    expect(splitFormattedAddress('Greenfield, MA')).toEqual({ city: 'Greenfield', region: 'MA' });
    expect(splitFormattedAddress('Costa Mesa, CA 92626, USA')).toEqual({
      city: 'Costa Mesa',
      region: 'CA',
      postalCode: '92626',
      country: 'USA',
    });
  });

  it('splits a US address without a country', () => {
    expect(splitFormattedAddress('16 Court Sq, Greenfield, MA 01301')).toEqual({
      street: '16 Court Sq',
      city: 'Greenfield',
      region: 'MA',
      postalCode: '01301',
    });
    expect(splitFormattedAddress('Main St, Colrain, MA')).toEqual({
      street: 'Main St',
      city: 'Colrain',
      region: 'MA',
    });
  });

  it('leaves what it cannot place in the street', () => {
    expect(splitFormattedAddress('Main St')).toEqual({ street: 'Main St' });
    expect(splitFormattedAddress('  Main St ,  ')).toEqual({ street: 'Main St' });
    expect(splitFormattedAddress('')).toEqual({});
    // A lone country-like word is not split off: there is nothing else to place.
    expect(splitFormattedAddress('Canada')).toEqual({ street: 'Canada' });
  });

  it('keeps a UK postcode whole and the house in the street', () => {
    const uk = '10 Downing St, London SW1A 2AA, UK';
    const address = splitFormattedAddress(uk);
    expect(address).toMatchObject({
      street: '10 Downing St',
      postalCode: 'SW1A 2AA',
      country: 'UK',
    });
    expect(formatAddress(address)).toBe(uk);
  });

  it('keeps the words of the address: formatting the parts gives the address back', () => {
    for (const formatted of [
      '3186 Pullman St, Costa Mesa, CA 92626, USA',
      '16 Court Sq, Greenfield, MA 01301, USA',
      '16 Court Sq, Greenfield, MA 01301-1234, USA',
      '123 Main St, Suite 4, Springfield, IL 62701, USA',
      '1 Infinite Loop, Cupertino, CA 95014, United States',
      'Greenfield, MA, USA',
      'Costa Mesa, CA 92626, USA',
      '8318 104 St NW, Edmonton, AB T6E 4E8, Canada',
    ]) {
      expect(formatAddress(splitFormattedAddress(formatted))).toBe(formatted);
    }
  });

  it('keeps a suite line with the street', () => {
    expect(splitFormattedAddress('123 Main St, Suite 4, Springfield, IL 62701, USA')).toEqual({
      street: '123 Main St, Suite 4',
      city: 'Springfield',
      region: 'IL',
      postalCode: '62701',
      country: 'USA',
    });
  });
});

describe('formatAddress', () => {
  it('joins region and postal code with a space and skips missing parts', () => {
    expect(
      formatAddress({
        street: '16 Court Sq',
        city: 'Greenfield',
        region: 'MA',
        postalCode: '01301',
        country: 'US',
      }),
    ).toBe('16 Court Sq, Greenfield, MA 01301, US');
    expect(formatAddress({ city: 'Greenfield', country: 'US' })).toBe('Greenfield, US');
    expect(formatAddress({ postalCode: '01301' })).toBe('01301');
    expect(formatAddress({ street: '', city: 'Greenfield' })).toBe('Greenfield');
  });

  it('is undefined for an empty address', () => {
    expect(formatAddress({})).toBeUndefined();
    expect(formatAddress({ street: '' })).toBeUndefined();
  });
});

describe('looksApproximate', () => {
  it('is true for fewer than four parts and for no address', () => {
    expect(looksApproximate('Greenfield, MA, USA')).toBe(true);
    expect(looksApproximate('Greenfield, MA 01301, USA')).toBe(true);
    expect(looksApproximate('Greenfield')).toBe(true);
    expect(looksApproximate('')).toBe(true);
    expect(looksApproximate(undefined)).toBe(true);
  });

  it('is false for a street address with four parts or more', () => {
    expect(looksApproximate('16 Court Sq, Greenfield, MA 01301, USA')).toBe(false);
    expect(looksApproximate('8318 104 St, Edmonton, Alberta, T6E 4E8, Canada')).toBe(false);
  });

  it('does not count empty parts', () => {
    expect(looksApproximate('Greenfield, , MA, USA')).toBe(true);
    expect(looksApproximate('Greenfield, MA, USA,')).toBe(true);
  });
});
