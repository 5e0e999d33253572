import { describe, expect, it } from 'vitest';
import { publicLocation, publicText } from './public-location.js';

describe('publicLocation', () => {
  it('drops user names, passwords and secret query values from a URL', () => {
    expect(publicLocation('https://sam:hunter2@feeds.example.org/m.json')).toBe(
      'https://***@feeds.example.org/m.json',
    );
    expect(
      publicLocation('https://feeds.example.org/m.json?api_key=abc&output=json&access_token=t'),
    ).toBe('https://feeds.example.org/m.json?api_key=***&output=json&access_token=***');
    expect(publicLocation('https://x.example.org/f?id=aB3dE6gH9jK2mN5pQ8sT1v')).toBe(
      'https://x.example.org/f?id=***',
    );
  });

  it('leaves a plain URL as it is', () => {
    const plain = 'https://aa.example.org/wp-admin/admin-ajax.php?action=meetings';
    expect(publicLocation(plain)).toBe(plain);
  });

  it('shows a local file by its name only', () => {
    expect(publicLocation('/home/operator/feeds/franklin.json')).toBe('franklin.json');
    expect(publicLocation('C:\\Users\\op\\franklin.csv')).toBe('franklin.csv');
    expect(publicLocation('franklin.json')).toBe('franklin.json');
  });
});

describe('publicText', () => {
  it('redacts the location, any URL with credentials and any file path in a message', () => {
    expect(
      publicText(
        "Cannot read /home/op/x.json: ENOENT: no such file or directory, open '/home/op/x.json'",
        '/home/op/x.json',
      ),
    ).toBe("Cannot read x.json: ENOENT: no such file or directory, open 'x.json'");
    expect(publicText('Not a valid URL: https://u:p@[bad', 'https://u:p@[bad')).toBe(
      'Not a valid URL: ***',
    );
    expect(publicText('Moved to https://u:secret@h.example.org/f?token=zz')).toBe(
      'Moved to https://***@h.example.org/f?token=***',
    );
    expect(publicText('The feed server answered 404 Not Found.')).toBe(
      'The feed server answered 404 Not Found.',
    );
  });
});
