import { describe, expect, it } from 'vitest';
import { normalizeUrl } from './normalize-url';

describe('normalizeUrl', () => {
  it('accepts http(s) addresses and adds https:// to a bare one', () => {
    expect(normalizeUrl(' https://example.com/a ')).toEqual({ url: 'https://example.com/a' });
    expect(normalizeUrl('http://127.0.0.1:8080/news.html')).toEqual({ url: 'http://127.0.0.1:8080/news.html' });
    expect(normalizeUrl('example.com/story')).toEqual({ url: 'https://example.com/story' });
  });

  it('refuses other schemes, nothing, and over-long addresses, in words', () => {
    expect(normalizeUrl('javascript:alert(1)')).toEqual({ error: 'Only http:// and https:// addresses can be saved.' });
    expect(normalizeUrl('file:///etc/passwd')).toEqual({ error: 'Only http:// and https:// addresses can be saved.' });
    expect(normalizeUrl('   ')).toEqual({ error: 'Type or paste the address of a web page.' });
    expect(normalizeUrl('https://exa mple.com')).toEqual({ error: 'That is not a web address.' });
    expect(normalizeUrl(`https://example.com/${'a'.repeat(2000)}`)).toEqual({ error: 'That address is longer than 2,000 characters.' });
  });
});
