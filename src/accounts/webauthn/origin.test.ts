import { describe, expect, it } from 'vitest';
import { passkeyOriginProblem, passkeyOriginSuggestion } from './origin.js';

describe('passkeyOriginProblem', () => {
  it('accepts https names and http on localhost', () => {
    for (const url of [
      'https://meetings.example.org',
      'http://localhost:8080',
      'http://dev.localhost:3000',
      'https://localhost',
    ])
      expect(passkeyOriginProblem(url), url).toBeUndefined();
  });

  it('refuses IP addresses, over https too, and http on any other name', () => {
    expect(passkeyOriginProblem('http://127.0.0.1:8080')).toBe('ip-address');
    expect(passkeyOriginProblem('https://192.168.1.20')).toBe('ip-address');
    expect(passkeyOriginProblem('http://[::1]:8080')).toBe('ip-address');
    expect(passkeyOriginProblem('http://meetings.example.org')).toBe('insecure');
  });

  it('suggests localhost for a loopback address and https for a plain http name', () => {
    expect(passkeyOriginSuggestion('http://127.0.0.1:8080')).toBe('http://localhost:8080');
    expect(passkeyOriginSuggestion('http://[::1]:8080')).toBe('http://localhost:8080');
    expect(passkeyOriginSuggestion('http://meetings.example.org')).toBe(
      'https://meetings.example.org',
    );
  });
});
