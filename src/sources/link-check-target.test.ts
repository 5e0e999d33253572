import { describe, expect, it } from 'vitest';
import { checkDialString, isLocalName, isPrivateAddress } from './link-check-target.js';

describe('which hosts a link check may ask', () => {
  it('refuses private, loopback and link-local addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '[::1]',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['8.8.8.8', '172.32.0.1', '2606:4700::1111', 'zoom.us'])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it('refuses names that only mean a local network', () => {
    for (const name of ['localhost', 'router', 'printer.local', 'db.internal', 'nas.home.arpa'])
      expect(isLocalName(name), name).toBe(true);
    for (const name of ['zoom.us', 'us02web.zoom.us', 'meet.google.com', '8.8.8.8'])
      expect(isLocalName(name), name).toBe(false);
  });
});

describe('checkDialString', () => {
  it('accepts plausible numbers with their access codes', () => {
    for (const phone of [
      '+16465588656,,85551234567#',
      '+442034815240',
      '4135551212',
      '1-413-555-1212',
    ])
      expect(checkDialString(phone).result, phone).toBe('ok');
  });

  it('flags numbers no one could dial', () => {
    for (const phone of [
      '+1123456789',
      '+1 012 555 1212',
      '+0441234567',
      '12345',
      '+1234567890123456',
    ])
      expect(checkDialString(phone).result, phone).toBe('invalid');
  });
});
